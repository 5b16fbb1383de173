#include "cli/command.h"
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
    return c;
}

std::unique_ptr<CLI::App> build_app(std::vector<std::unique_ptr<Command>>& commands) {
    auto app = std::make_unique<CLI::App>(
        "ecozone — ecological-zoning analysis for county planners: checks a project's layers "
        "(red lines, nature reserve zones, river buffers, farmland, control units, land use) and "
        "answers site-screening, indicator and human-activity questions with auditable figures.",
        "ecozone");
    app->require_subcommand(1);
    app->set_version_flag("--version", std::string("ecozone ") + ECOZONE_VERSION);
    app->footer(
        "Examples:\n"
        "  ecozone check sample_shapefiles/hongsibu.toml        validate the sample project\n"
        "  ecozone info sample_shapefiles/landuse_dltb.shp      describe one layer\n"
        "  ecozone indicators --out out/indicators              forest, wetland and red-line evidence\n"
        "  ecozone screen --out out/screening                   may the proposed sites be built there?\n"
        "  ecozone audit --out out/audit                        new human activity in protected areas\n"
        "Run 'ecozone COMMAND --help' for each command's options and examples.\n"
        "Exit codes: 0 done (check: clean), 1 problems found or work failed, 2 usage error.");
    commands = all_commands();
    for (auto& cmd : commands) {
        CLI::App* sub = app->add_subcommand(cmd->name());
        cmd->setup(*sub);
    }
    return app;
}

int run_cli(int argc, const char* const* argv, Streams io) {
    std::vector<std::unique_ptr<Command>> commands;
    std::unique_ptr<CLI::App> app = build_app(commands);
    try {
        app->parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" to CLI11 with exit code 0.
        std::ostringstream out, err;
        const int code = app->exit(e, out, err);
        io.out << out.str();
        io.err << err.str();
        if (code == 0) return kExitOk;
        io.err << "hint: run 'ecozone --help' or 'ecozone COMMAND --help'\n";
        return kExitUsage;
    }
    std::string line;
    for (int i = 0; i < argc; ++i) line += (i ? " " : "") + std::string(argv[i]);
    for (auto& cmd : commands) {
        if (!app->got_subcommand(cmd->name())) continue;
        // Nothing a command prints or records may carry a password given on the command line or
        // in a project (layers/redact.h): the command line as recorded, stdout and every error.
        cmd->invocation = layers::redact_secrets(line);
        std::ostringstream out;
        auto error = [&](const char* kind, const char* what, const char* hint) {
            io.out << layers::redact_secrets(out.str());
            io.err << "ecozone " << cmd->name() << ": " << kind << ": " << layers::redact_secrets(what) << hint << "\n";
        };
        try {
            const int code = cmd->run({out, io.err});
            io.out << layers::redact_secrets(out.str());
            return code;
        } catch (const UsageError& e) {
            error("error", e.what(), "");
            return kExitUsage;
        } catch (const ecozone::Error& e) {
            error("error", e.what(), "");
            return kExitProblems;
        } catch (const std::exception& e) {
            error("internal error", e.what(), " (please report this with the command you ran)");
            return kExitProblems;
        }
    }
    return kExitUsage;
}

}  // namespace ecozone::cli
