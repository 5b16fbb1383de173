#include "cli/cli11_messages.h"
#include "cli/command.h"
#include "cli/help_lang.h"
#include "geo/errors.h"
#include "layers/redact.h"

#include <ostream>
#include <sstream>

namespace ecozone::cli {

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> c;
    c.push_back(make_info_command());
    c.push_back(make_check_command());
    c.push_back(make_indicators_command());
    c.push_back(make_screen_command());
    c.push_back(make_audit_command());
    c.push_back(make_serve_command());
    c.push_back(make_campaign_command());
    return c;
}

std::unique_ptr<CLI::App> build_app(std::vector<std::unique_ptr<Command>>& commands, const Lang& t) {
    auto app = std::make_unique<CLI::App>(
        t("ecozone — 县级生态分区分析工具：检查项目的各个图层（生态保护红线、自然保护区功能区、河流缓冲带、"
          "永久基本农田、环境管控单元、三调地类图斑等），并回答选址筛查、生态指标核算和人类活动监测三类问题，"
          "每个数字都可复核。",
          "ecozone — ecological-zoning analysis for county planners: checks a project's layers "
          "(red lines, nature reserve zones, river buffers, farmland, control units, land use) and "
          "answers site-screening, indicator and human-activity questions with auditable figures."),
        "ecozone");
    // CLI11's own words (Usage, OPTIONS, TEXT …) in the same language; every subcommand
    // inherits the formatter, the help flag's text and the options' section from the app.
    std::shared_ptr<CLI::Formatter> formatter = make_formatter(t);
    app->formatter(formatter);
    app->set_help_flag("-h,--help", t("显示本帮助并退出", "Print this help message and exit"));
    app->require_subcommand(1);
    app->set_version_flag("--version", std::string("ecozone ") + ECOZONE_VERSION,
                          t("显示版本号并退出", "Display program version information and exit"));
    app->footer(
        t("示例：\n"
          "  ecozone check sample_shapefiles/hongsibu.toml        检查示例项目的各个图层\n"
          "  ecozone info sample_shapefiles/landuse_dltb.shp      查看一个图层的基本情况\n"
          "  ecozone indicators --out out/indicators              森林覆盖率、湿地保护率、生态保护红线占比\n"
          "  ecozone screen --out out/screening                   拟建项目选址能否在此建设？\n"
          "  ecozone audit --out out/audit                        自然保护地内新增的人类活动\n"
          "运行 ecozone 命令 --help 查看各命令的选项和示例；加 --lang en 显示英文。\n"
          "退出码：0 完成（check：没有问题），1 发现问题或无法完成，2 命令行用法错误。",
          "Examples:\n"
          "  ecozone check sample_shapefiles/hongsibu.toml        validate the sample project\n"
          "  ecozone info sample_shapefiles/landuse_dltb.shp      describe one layer\n"
          "  ecozone indicators --out out/indicators              forest, wetland and red-line evidence\n"
          "  ecozone screen --out out/screening                   may the proposed sites be built there?\n"
          "  ecozone audit --out out/audit                        new human activity in protected areas\n"
          "Run 'ecozone COMMAND --help' for each command's options and examples.\n"
          "Exit codes: 0 done (check: clean), 1 problems found or work failed, 2 usage error."));
    commands = all_commands();
    for (auto& cmd : commands) {
        CLI::App* sub = app->add_subcommand(cmd->name());
        cmd->setup(*sub, t);
    }
    translate_help(*app, *formatter, t);
    return app;
}

namespace {

// The subcommand named on the command line, if CLI11 got that far.
std::string parsed_command(const CLI::App& app) {
    const auto subs = app.get_subcommands();
    return subs.empty() ? std::string() : subs.front()->get_name();
}

}  // namespace

int run_cli(int argc, const char* const* argv, Streams io, const EnvLookup& env, bool process_ends_after) {
    // The language is known before the app is built: its help texts are written in it.
    const Lang t = detect_lang(argc, argv, env);
    std::vector<std::unique_ptr<Command>> commands;
    std::unique_ptr<CLI::App> app = build_app(commands, t);
    try {
        app->parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {  // --help and --version are "errors" to CLI11 with exit code 0
            std::ostringstream out, err;
            app->exit(e, out, err);
            io.out << out.str();
            io.err << err.str();
            return kExitOk;
        }
        const std::string command = parsed_command(*app);
        // CLI11 says only "a subcommand is required" when the first word is no command: name it.
        const bool unknown_command =
            command.empty() && dynamic_cast<const CLI::RequiredError*>(&e) && argc > 1 && argv[1][0] != '-';
        io.err << "ecozone" << (command.empty() ? "" : " " + command) << ": " << t("错误：", "error: ")
               << (unknown_command ? unknown_command_text(argv[1], t) : parse_error_text(e, t)) << "\n"
               << usage_hint(command, t) << "\n";
        return kExitUsage;
    }
    std::string line;
    for (int i = 0; i < argc; ++i) line += (i ? " " : "") + std::string(argv[i]);
    for (auto& cmd : commands) {
        if (!app->got_subcommand(cmd->name())) continue;
        // Nothing a command prints or records may carry a password given on the command line or
        // in a project (layers/redact.h): the command line as recorded, stdout and every error.
        cmd->invocation = layers::redact_secrets(line);
        cmd->process_ends_after = process_ends_after;
        std::ostringstream out;
        auto error = [&](const char* kind, const std::string& what, const char* hint) {
            io.out << layers::redact_secrets(out.str());
            io.err << "ecozone " << cmd->name() << ": " << kind << layers::redact_secrets(what) << hint << "\n";
        };
        try {
            const int code = cmd->run({out, io.err});
            io.out << layers::redact_secrets(out.str());
            return code;
        } catch (const UsageError& e) {
            error(t("错误：", "error: "), e.text(t.en), "");
            return kExitUsage;
        } catch (const ecozone::Error& e) {
            error(t("错误：", "error: "), e.text(t.en), "");
            return kExitProblems;
        } catch (const std::exception& e) {
            error(t("内部错误：", "internal error: "), e.what(),
                  t("（请连同所运行的命令一起报告）", " (please report this with the command you ran)"));
            return kExitProblems;
        }
    }
    return kExitUsage;
}

int run_cli(int argc, const char* const* argv, Streams io, bool process_ends_after) {
    return run_cli(argc, argv, io, process_env(), process_ends_after);
}

}  // namespace ecozone::cli
