#pragma once
// One class per subcommand: setup() only declares options (opens nothing, so parsing can be
// tested without files) with their help in the terminal's language; run() does the work and
// returns the exit code.
#include "cli/help_lang.h"
#include "cli/lang.h"

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace ecozone::cli {

// Exit codes scripts can rely on.
enum ExitCode : int {
    kExitOk = 0,         // done; for `check`: no problems
    kExitProblems = 1,   // data problems found, or the work could not be done
    kExitUsage = 2,      // the command line was wrong
};

struct Streams {
    std::ostream& out;
    std::ostream& err;
};

class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    // Declares the options; every description, help text and example is in the language of `t`.
    virtual void setup(CLI::App& sub, const Lang& t) = 0;
    virtual int run(Streams io) = 0;
    // The full command line, recorded in reports for reproducibility (set by run_cli).
    std::string invocation;
    // True when the program ends as run() returns (set by run_cli for main, not for a test
    // running commands in its own process): large inputs may then be left to the exit
    // (cli/release_at_exit.h).
    bool process_ends_after = false;
};

std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_check_command();
std::unique_ptr<Command> make_indicators_command();
std::unique_ptr<Command> make_screen_command();
std::unique_ptr<Command> make_audit_command();
std::unique_ptr<Command> make_serve_command();
std::unique_ptr<Command> make_campaign_command();

// Every command, in the order `ecozone --help` lists them.
std::vector<std::unique_ptr<Command>> all_commands();

// Build the whole command line: the top-level app with every command's subcommand, its help in
// the language of `t`.  Returns the app; `commands` keeps the command objects alive.
std::unique_ptr<CLI::App> build_app(std::vector<std::unique_ptr<Command>>& commands, const Lang& t = Lang{});

// Parse and run; maps errors to exit codes and one-line messages on io.err, in the language
// cli/help_lang.h decides from argv and `env` (the process environment by default).
// `process_ends_after`: the caller is main and exits with the code returned.
int run_cli(int argc, const char* const* argv, Streams io, const EnvLookup& env, bool process_ends_after = false);
int run_cli(int argc, const char* const* argv, Streams io, bool process_ends_after = false);

}  // namespace ecozone::cli
