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
// An environment without any locale variable: the tool's default language, Chinese.
const char* no_env(const char*) {
    return nullptr;
}
Run run(std::vector<const char*> args, const EnvLookup& env = no_env) {
    args.insert(args.begin(), "ecozone");
    std::ostringstream out, err;
    const int code = run_cli(static_cast<int>(args.size()), args.data(), {out, err}, env);
    return {code, out.str(), err.str()};
}
const char* english_env(const char* name) {
    return std::string(name) == "LC_ALL" ? "en_US.UTF-8" : nullptr;
}

// The value an option holds after parsing `args` (Chinese words already turned into values).
std::string parsed(std::vector<const char*> args, const char* command, const char* option) {
    std::vector<std::unique_ptr<Command>> commands;
    auto app = build_app(commands);
    args.insert(args.begin(), "ecozone");
    app->parse(static_cast<int>(args.size()), args.data());
    return app->get_subcommand(command)->get_option(option)->as<std::string>();
}
}  // namespace

TEST_CASE("every subcommand has a --help that teaches with an example, in Chinese by default", "[cli]") {
    for (const auto& cmd : all_commands()) {
        INFO(cmd->name());
        const Run r = run({cmd->name(), "--help"});
        CHECK(r.code == kExitOk);
        CHECK(r.err.empty());
        CHECK_THAT(r.out, Catch::Contains("示例") && Catch::Contains(std::string("ecozone ") + cmd->name()) &&
                              Catch::Contains("用法") && Catch::Contains("选项") && Catch::Contains("退出码"));
        CHECK_THAT(r.out, !Catch::Contains("Usage") && !Catch::Contains("OPTIONS") && !Catch::Contains("Example"));
    }
    const Run top = run({"--help"});
    CHECK(top.code == kExitOk);
    CHECK_THAT(top.out, Catch::Contains("check") && Catch::Contains("info") && Catch::Contains("退出码") &&
                            Catch::Contains("子命令") && Catch::Contains("显示本帮助并退出"));
}

TEST_CASE("the help in English with --lang en or an English locale", "[cli]") {
    for (const auto& cmd : all_commands()) {
        INFO(cmd->name());
        for (const Run& r : {run({cmd->name(), "--help", "--lang", "en"}), run({cmd->name(), "--help"}, english_env)}) {
            CHECK(r.code == kExitOk);
            CHECK_THAT(r.out, Catch::Contains("Example") && Catch::Contains("Usage") && Catch::Contains("OPTIONS") &&
                                  Catch::Contains("Exit codes"));
            CHECK_THAT(r.out, !Catch::Contains("示例") && !Catch::Contains("用法"));
        }
    }
    CHECK_THAT(run({"--help"}, english_env).out, Catch::Contains("Exit codes") && Catch::Contains("Subcommands"));
    CHECK_THAT(run({"--help", "--lang=en"}).out, Catch::Contains("Exit codes"));
}

TEST_CASE("usage errors exit 2 with a hint", "[cli]") {
    CHECK(run({}).code == kExitUsage);
    const Run unknown = run({"frobnicate"});
    CHECK(unknown.code == kExitUsage);
    CHECK_THAT(unknown.err, Catch::Contains("提示") && Catch::Contains("frobnicate"));
    CHECK_THAT(run({"frobnicate"}, english_env).err, Catch::Contains("hint"));
    CHECK(run({"info"}).code == kExitUsage);                     // LAYER is required
    CHECK(run({"check", "--lang", "fr", "x.toml"}).code == kExitUsage);
    CHECK(run({"check", "/no/such/project.toml"}).code == kExitUsage);
}

TEST_CASE("CLI11's parse errors in one Chinese line that keeps the option's name", "[cli]") {
    const Run missing = run({"screen"});
    CHECK(missing.code == kExitUsage);
    CHECK_THAT(missing.err, Catch::StartsWith("ecozone screen: 错误：缺少必填的选项 --out\n提示："));
    CHECK_THAT(run({"screen", "--lang", "en"}).err, Catch::StartsWith("ecozone screen: error: --out is required\n"));
    CHECK_THAT(run({"info", "a.shp", "b.shp"}).err, Catch::Contains("无法识别的参数：b.shp"));
    CHECK_THAT(
        run({"screen", "--out", "o", "--area-mode", "round"}).err,
        Catch::Contains("选项 --area-mode 的值不可用：“round”不是可选的值，可选：ellipsoidal（椭球）、planar（平面）"));
    CHECK_THAT(run({"screen", "--out", "o", "--sites", "a.shp", "--coords", "1,2"}).err,
               Catch::Contains("--sites 与 --coords 不能同时使用"));
    CHECK_THAT(run({"audit", "--out", "o", "--before", "a.tif"}).err,
               Catch::Contains("使用 --before 时必须同时给出 --after"));
    CHECK_THAT(run({"audit", "--out", "o", "--max-shift-pixels", "-1"}).err,
               Catch::Contains("选项 --max-shift-pixels 的值不可用：-1 不在 0 到 1000000 的范围内"));
    CHECK_THAT(run({"screen", "--out", "o", "--footprint-m", "-5"}).err,
               Catch::Contains("选项 --footprint-m 的值不可用：-5 不是正数"));
    CHECK_THAT(run({"screen", "--out", "o", "--threads", "many"}).err,
               Catch::Contains("--threads") && Catch::Contains("many"));
    CHECK_THAT(run({"screen", "--out"}).err, Catch::Contains("选项 --out 后面缺少取值"));
    CHECK_THAT(run({"check", "/no/such/project.toml"}).err,
               Catch::Contains("参数 PROJECT 的值不可用：文件不存在：/no/such/project.toml"));
}

TEST_CASE("enumerations accept the Chinese words and hold the values", "[cli]") {
    CHECK(parsed({"screen", "--out", "o", "--area-mode", "平面"}, "screen", "--area-mode") == "planar");
    CHECK(parsed({"screen", "--out", "o", "--area-mode", "椭球面积"}, "screen", "--area-mode") == "ellipsoidal");
    CHECK(parsed({"indicators", "--out", "o", "--area-mode", "planar"}, "indicators", "--area-mode") == "planar");
    CHECK(parsed({"indicators", "--out", "o", "--forest-basis", "原林业口径"}, "indicators", "--forest-basis") ==
          "legacy");
    CHECK(parsed({"indicators", "--out", "o", "--wetland-basis", "法定口径"}, "indicators", "--wetland-basis") ==
          "legal");
    CHECK(parsed({"audit", "--out", "o", "--scope", "全区"}, "audit", "--scope") == "district");
    CHECK(parsed({"audit", "--out", "o", "--scope", "保护地"}, "audit", "--scope") == "protected");
    CHECK(parsed({"audit", "--out", "o", "--connectivity", "四连通"}, "audit", "--connectivity") == "4");
    CHECK(parsed({"check", "--lang", "英文"}, "check", "--lang") == "en");
    CHECK(parsed({"info", "x.shp", "--lang", "中文"}, "info", "--lang") == "zh");
    std::vector<std::unique_ptr<Command>> commands;
    auto app = build_app(commands);
    const char* argv[] = {"ecozone", "audit", "--out", "o", "--skip-stage", "邻域确认", "--skip-stage", "mmu"};
    app->parse(8, argv);
    CHECK(app->get_subcommand("audit")->get_option("--skip-stage")->as<std::vector<std::string>>() ==
          std::vector<std::string>{"confirm", "mmu"});
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
