// Command-line parsing without I/O, and a --help test for every subcommand.
#include "cli/command.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace ecozone::cli;

namespace {
struct Run {
    int code;
    std::string out, err;
};
Run run(std::vector<const char*> args) {
    args.insert(args.begin(), "ecozone");
    std::ostringstream out, err;
    const int code = run_cli(static_cast<int>(args.size()), args.data(), {out, err});
    return {code, out.str(), err.str()};
}
}  // namespace

TEST_CASE("every subcommand has a --help that teaches with an example", "[cli]") {
    for (const auto& cmd : all_commands()) {
        INFO(cmd->name());
        const Run r = run({cmd->name(), "--help"});
        CHECK(r.code == kExitOk);
        CHECK(r.err.empty());
        CHECK_THAT(r.out, Catch::Contains("Example") && Catch::Contains(std::string("ecozone ") + cmd->name()));
    }
    const Run top = run({"--help"});
    CHECK(top.code == kExitOk);
    CHECK_THAT(top.out, Catch::Contains("check") && Catch::Contains("info") && Catch::Contains("Exit codes"));
}

TEST_CASE("usage errors exit 2 with a hint", "[cli]") {
    CHECK(run({}).code == kExitUsage);
    const Run unknown = run({"frobnicate"});
    CHECK(unknown.code == kExitUsage);
    CHECK_THAT(unknown.err, Catch::Contains("hint"));
    CHECK(run({"info"}).code == kExitUsage);                     // LAYER is required
    CHECK(run({"check", "--lang", "fr", "x.toml"}).code == kExitUsage);
    CHECK(run({"check", "/no/such/project.toml"}).code == kExitUsage);
}

TEST_CASE("argument parsing binds options without opening anything", "[cli]") {
    std::vector<std::unique_ptr<Command>> commands;
    auto app = build_app(commands);
    const char* argv[] = {"ecozone", "info", "some/file.shp", "--layer", "x", "--json", "--lang", "en"};
    REQUIRE_NOTHROW(app->parse(8, argv));
    CHECK(app->got_subcommand("info"));
    CHECK(app->get_subcommand("info")->get_option("--layer")->as<std::string>() == "x");
    CHECK(app->get_subcommand("info")->get_option("--lang")->as<std::string>() == "en");
    CHECK(app->get_subcommand("info")->get_option("LAYER")->as<std::string>() == "some/file.shp");
}
