// The terminal's language: --lang in argv first, then LC_ALL / LC_MESSAGES / LANG, else Chinese.
#include "cli/help_lang.h"

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

using namespace ecozone::cli;

namespace {

// An environment of exactly these variables.
EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const char* name) -> const char* {
        auto it = vars.find(name);
        return it == vars.end() ? nullptr : it->second.c_str();
    };
}

bool english(std::vector<const char*> args, std::map<std::string, std::string> vars = {}) {
    args.insert(args.begin(), "ecozone");
    return detect_lang(static_cast<int>(args.size()), args.data(), env_of(std::move(vars))).en;
}

}  // namespace

TEST_CASE("Chinese without --lang and without an English locale", "[lang]") {
    CHECK_FALSE(english({"check"}));
    CHECK_FALSE(english({"check"}, {{"LANG", "C"}}));
    CHECK_FALSE(english({"check"}, {{"LANG", "POSIX"}}));
    CHECK_FALSE(english({"check"}, {{"LANG", "C.UTF-8"}}));
    CHECK_FALSE(english({"check"}, {{"LANG", "zh_CN.UTF-8"}}));
    CHECK_FALSE(english({"check"}, {{"LANG", ""}}));
}

// (No test name starts with "--": CTest hands the names to Catch2 on its command line.)
TEST_CASE("a --lang in argv decides, anywhere and in either spelling", "[lang]") {
    CHECK(english({"--lang", "en", "screen", "--help"}));
    CHECK(english({"screen", "--help", "--lang", "en"}));
    CHECK(english({"screen", "--lang=en"}));
    CHECK(english({"screen", "--lang", "英文"}));
    CHECK(english({"screen", "--lang=英文"}));
    CHECK_FALSE(english({"screen", "--lang", "zh"}, {{"LC_ALL", "en_US.UTF-8"}}));
    CHECK_FALSE(english({"screen", "--lang=中文"}, {{"LANG", "en_GB.UTF-8"}}));
    // English wins when both are given, whichever comes first.
    CHECK(english({"screen", "--lang", "zh", "--lang", "en"}));
    CHECK(english({"screen", "--lang", "en", "--lang", "zh"}));
    // An unknown value, a --lang without a value and anything after "--" are not a choice.
    CHECK_FALSE(english({"screen", "--lang", "fr"}));
    CHECK(english({"screen", "--lang", "fr"}, {{"LANG", "en_US.UTF-8"}}));
    CHECK_FALSE(english({"screen", "--lang"}));
    CHECK_FALSE(english({"screen", "--", "--lang", "en"}));
    CHECK_FALSE(english({"screen", "--language", "en"}));
}

TEST_CASE("the locale: LC_ALL, then LC_MESSAGES, then LANG", "[lang]") {
    CHECK(english({"info"}, {{"LANG", "en_US.UTF-8"}}));
    CHECK(english({"info"}, {{"LC_MESSAGES", "en_US.UTF-8"}, {"LANG", "zh_CN.UTF-8"}}));
    CHECK(english({"info"}, {{"LC_ALL", "en_US.UTF-8"}, {"LC_MESSAGES", "zh_CN.UTF-8"}, {"LANG", "C"}}));
    CHECK_FALSE(english({"info"}, {{"LC_ALL", "zh_CN.UTF-8"}, {"LANG", "en_US.UTF-8"}}));
    CHECK_FALSE(english({"info"}, {{"LC_ALL", "C"}, {"LANG", "en_US.UTF-8"}}));
    // An empty variable counts as unset (POSIX), so the next one decides.
    CHECK(english({"info"}, {{"LC_ALL", ""}, {"LANG", "en"}}));
}

TEST_CASE("the values of --lang as people write them", "[lang]") {
    CHECK(lang_code("zh") == std::optional<std::string>("zh"));
    CHECK(lang_code("中文") == std::optional<std::string>("zh"));
    CHECK(lang_code("en") == std::optional<std::string>("en"));
    CHECK(lang_code("英文") == std::optional<std::string>("en"));
    CHECK_FALSE(lang_code("EN-us").has_value());
    CHECK_FALSE(lang_code("").has_value());
}
