#include "cli/cli11_messages.h"

#include "report/common/display_width.h"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <regex>

namespace ecozone::cli {

namespace {

// CLI11 builds its messages from fixed English phrases around the option's name and value;
// these patterns take the name and value back out so that the Chinese line can keep them.
bool matches(const std::string& text, const char* pattern, std::smatch& m) {
    return std::regex_match(text, m, std::regex(pattern));
}

// "--out" is an option, "PROJECT" a positional argument: Chinese names them differently.
std::string option_word(const std::string& name) {
    return !name.empty() && name.front() == '-' ? "选项 " + name : "参数 " + name;
}

// The reason a validator gave (CLI11's English or our own Chinese), in Chinese.
std::string validation_detail_zh(const std::string& detail) {
    std::smatch m;
    if (matches(detail, "File does not exist: (.*)", m)) {
        return fmt::format("文件不存在：{}", m.str(1));
    }
    if (matches(detail, "File is actually a directory: (.*)", m)) {
        return fmt::format("这是一个文件夹，不是文件：{}", m.str(1));
    }
    if (matches(detail, "Directory does not exist: (.*)", m)) {
        return fmt::format("文件夹不存在：{}", m.str(1));
    }
    if (matches(detail, "Value (.*) not in range (\\S+) to (\\S+)", m)) {
        // PositiveNumber is a range from the smallest double to the largest: say "positive".
        if (m.str(3).size() > 20) return fmt::format("{} 不是正数", m.str(1));
        return fmt::format("{} 不在 {} 到 {} 的范围内", m.str(1), m.str(2), m.str(3));
    }
    if (matches(detail, "Check (.*) value in (.*) FAILED", m) || matches(detail, "(.*) not in (\\{.*\\})", m)) {
        return fmt::format("“{}”不是可选的值，可选：{}", m.str(1), m.str(2));
    }
    if (matches(detail, "Failed parsing (.*) as a (.*)", m)) {
        return fmt::format("{} 不是{}", m.str(1), type_name_text(m.str(2), Lang{false}));
    }
    return detail;
}

std::string parse_error_zh(const CLI::Error& e) {
    const std::string what = e.what();
    std::smatch m;
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        if (what == "A subcommand is required") {
            return "缺少子命令：请写明 info、check、indicators、screen 或 audit 之一";
        }
        if (matches(what, "(\\S+) is required", m)) {
            return fmt::format("缺少必填的{}", option_word(m.str(1)));
        }
        return "缺少必填的选项（" + what + "）";
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        if (matches(what, "The following arguments? (?:was|were) not expected: (.*)", m)) {
            return fmt::format("无法识别的参数：{}（选项名是否写错，或多给了一个值？）", m.str(1));
        }
        return "无法识别的参数（" + what + "）";
    }
    if (dynamic_cast<const CLI::ValidationError*>(&e)) {
        const auto colon = what.find(": ");
        if (colon != std::string::npos) {
            return fmt::format("{} 的值不可用：{}", option_word(what.substr(0, colon)),
                               validation_detail_zh(what.substr(colon + 2)));
        }
        return "取值不可用：" + validation_detail_zh(what);
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        if (matches(what, "(\\S+): \\d+ required (.*) missing", m)) {
            return fmt::format("{} 后面缺少取值（{}）", option_word(m.str(1)), type_name_text(m.str(2), Lang{false}));
        }
        if (matches(what, "(\\S+) was given a disallowed flag override", m)) {
            return fmt::format("{} 是开关，不能带取值", option_word(m.str(1)));
        }
        if (matches(what, "(\\S+): At (?:least|Most) (\\d+) required but received (\\d+)", m)) {
            return fmt::format("{} 的取值个数不对：应为 {} 个，实际 {} 个", option_word(m.str(1)), m.str(2), m.str(3));
        }
        return "参数个数不对（" + what + "）";
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&e)) {
        if (matches(what, "(\\S+) excludes (\\S+)", m)) {
            return fmt::format("{} 与 {} 不能同时使用，请只给出其中一个", m.str(1), m.str(2));
        }
        return "选项不能同时使用（" + what + "）";
    }
    if (dynamic_cast<const CLI::RequiresError*>(&e)) {
        if (matches(what, "(\\S+) requires (\\S+)", m)) {
            return fmt::format("使用 {} 时必须同时给出 {}", m.str(1), m.str(2));
        }
        return "缺少配套的选项（" + what + "）";
    }
    if (dynamic_cast<const CLI::ConversionError*>(&e)) {
        if (matches(what, "Could not convert: (\\S+) = (.*)", m)) {
            return fmt::format("{} 的值 {} 无法识别，请检查数字或写法", option_word(m.str(1)), m.str(2));
        }
        if (matches(what, "The value (.*) is not an allowed value for (\\S+)", m)) {
            return fmt::format("{} 不是 {} 可接受的值", m.str(1), option_word(m.str(2)));
        }
        if (matches(what, "(\\S+): too many inputs for a flag", m)) {
            return fmt::format("{} 是开关，不能带取值", option_word(m.str(1)));
        }
        if (matches(what, "(\\S+): Should be true/false or a number", m)) {
            return fmt::format("开关 {} 的值应为 true、false 或数字", m.str(1));
        }
        return "取值无法识别（" + what + "）";
    }
    return "命令行有误（" + what + "）";
}

// CLI11 pads the option column by bytes; a Chinese type label (文本: 3 bytes a character, 2
// columns wide) would push the descriptions out of line, so this pads by display columns.
class DisplayWidthFormatter : public CLI::Formatter {
public:
    std::string make_option(const CLI::Option* opt, bool is_positional) const override {
        std::string out = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
        const std::string desc = make_option_desc(opt);
        const std::size_t column = get_column_width(), width = report::display_width(out);
        if (!desc.empty()) {
            out += width >= column ? "\n" + std::string(column, ' ') : std::string(column - width, ' ');
            for (const char c : desc) {
                out += c;
                if (c == '\n') out += std::string(column, ' ');
            }
        }
        return out + "\n";
    }
};

}  // namespace

std::shared_ptr<CLI::Formatter> make_formatter(const Lang& t) {
    auto f = std::make_shared<DisplayWidthFormatter>();
    if (t.en) return f;
    // CLI11 2.x asks for these keys; "Positionals" is its spelling of POSITIONALS.
    const std::map<std::string, std::string> labels = {
        {"Usage", "用法"},           {"OPTIONS", "选项"},     {"SUBCOMMAND", "子命令"},
        {"SUBCOMMANDS", "子命令"},   {"REQUIRED", "必填"},    {"Positionals", "位置参数"},
        {"POSITIONALS", "位置参数"}, {"Needs", "需同时给出"}, {"Excludes", "不能同时使用"},
        {"Env", "环境变量"}};
    for (const auto& [key, text] : labels) f->label(key, text);
    return f;
}

std::string type_name_text(const std::string& type_name, const Lang& t) {
    if (t.en) return type_name;
    static const std::map<std::string, std::string> words = {
        {"TEXT", "文本"},     {"INT", "整数"},           {"UINT", "非负整数"},  {"FLOAT", "数值"},
        {"NUMBER", "数值"},   {"FILE", "文件"},          {"DIR", "文件夹"},     {"PATH", "路径"},
        {"POSITIVE", "正数"}, {"NONNEGATIVE", "非负数"}, {"BOOLEAN", "布尔值"}, {"ENUM", "枚举值"}};
    std::string out;
    for (size_t i = 0; i < type_name.size();) {
        if (!std::isupper(static_cast<unsigned char>(type_name[i]))) {
            out += type_name[i++];
            continue;
        }
        size_t j = i;
        while (j < type_name.size() && std::isupper(static_cast<unsigned char>(type_name[j]))) ++j;
        const std::string word = type_name.substr(i, j - i);
        const auto it = words.find(word);
        out += it == words.end() ? word : it->second;
        i = j;
    }
    // "INT in [0 - 64]" reads "整数 范围 [0 - 64]".
    for (size_t at; (at = out.find(" in [")) != std::string::npos;) out.replace(at, 5, " 范围 [");
    return out;
}

void translate_help(CLI::App& app, CLI::Formatter& formatter, const Lang& t) {
    for (CLI::Option* opt : app.get_options()) {
        const std::string type = opt->get_type_name();
        if (!type.empty()) formatter.label(type, type_name_text(type, t));
        if (opt->get_group() == "Options") opt->group(t("选项", "Options"));
    }
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        if (sub->get_group() == "Subcommands") sub->group(t("子命令", "Subcommands"));
        translate_help(*sub, formatter, t);
    }
}

std::string parse_error_text(const CLI::Error& e, const Lang& t) {
    return t.en ? std::string(e.what()) : parse_error_zh(e);
}

std::string unknown_command_text(const std::string& word, const Lang& t) {
    return fmt::format(t("“{}”不是 ecozone 的子命令；请写明 info、check、indicators、screen 或 audit 之一",
                         "'{}' is not an ecozone command; use info, check, indicators, screen or audit"),
                       word);
}

std::string usage_hint(const std::string& command, const Lang& t) {
    if (command.empty()) {
        return t("提示：运行 ecozone --help 查看全部命令，ecozone 命令 --help 查看该命令的选项和示例",
                 "hint: run 'ecozone --help' or 'ecozone COMMAND --help'");
    }
    return fmt::format(t("提示：运行 ecozone {} --help 查看选项和示例", "hint: run 'ecozone {} --help'"), command);
}

}  // namespace ecozone::cli
