#include "cli/help_lang.h"

#include <cstdlib>
#include <cstring>

namespace ecozone::cli {

EnvLookup process_env() {
    return [](const char* name) -> const char* { return std::getenv(name); };
}

std::optional<std::string> lang_code(const std::string& value) {
    if (value == "zh" || value == "中文") return "zh";
    if (value == "en" || value == "英文") return "en";
    return std::nullopt;
}

std::optional<std::string> lang_from_args(int argc, const char* const* argv) {
    bool zh = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") break;
        std::optional<std::string> code;
        if (arg == "--lang" && i + 1 < argc) {
            code = lang_code(argv[i + 1]);
        } else if (arg.rfind("--lang=", 0) == 0) {
            code = lang_code(arg.substr(std::strlen("--lang=")));
        }
        if (code == "en") return code;  // English wins wherever it is asked for
        zh = zh || code == "zh";
    }
    if (zh) return std::string("zh");
    return std::nullopt;
}

bool english_locale(const EnvLookup& env) {
    // POSIX: the first of these that is set and not empty names the messages' locale.
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = env(name);
        if (value && *value) return std::strncmp(value, "en", 2) == 0;
    }
    return false;
}

Lang detect_lang(int argc, const char* const* argv, const EnvLookup& env) {
    if (const auto code = lang_from_args(argc, argv)) return make_lang(*code);
    return Lang{english_locale(env)};
}

}  // namespace ecozone::cli
