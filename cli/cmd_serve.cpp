// `ecozone serve [PROJECT] [--listen HOST:PORT] [--token TEXT | --token-file FILE] [--max-upload-mb N]`.
#include "cli/command.h"
#include "cli/output_options.h"
#include "cli/project_path.h"
#include "geo/errors.h"
#include "serve/security.h"
#include "serve/server.h"
#include "serve/stop_signals.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

namespace ecozone::cli {

namespace {

class ServeCommand : public Command {
public:
    const char* name() const override { return "serve"; }

    void setup(CLI::App& sub, const Lang& t) override {
        sub.description(
            t("启动本机工作台：读入项目一次（图层建好索引，与批量筛查相同），在浏览器页面（/）上绘制、粘贴坐标或上传文件"
              "筛查选址并在地图上查看结论；JSON 接口回答选址筛查（POST /api/screen，GeoJSON 选址，答复与 "
              "screening.json 中的选址对象相同；/api/screen/coordinates、/api/screen/upload）并提供项目图层（GET "
              "/api/layers）。默认只在本机 127.0.0.1:8600 上监听；说明见 docs/serve.md。",
              "Start the local workbench: the project is loaded once (layers indexed, as batch screening does); "
              "a map page (/) draws, pastes or uploads a site and shows its verdict, and a JSON API answers site "
              "screening (POST /api/screen with GeoJSON sites, the answer holding screening.json's site objects; "
              "/api/screen/coordinates, /api/screen/upload) and serves the project's layers (GET /api/layers).  "
              "Listens on this machine only, 127.0.0.1:8600, by default; see docs/serve.md."));
        sub.add_option("PROJECT", project_,
                       t("项目文件（.toml）；不给出时用", "Project file (.toml); default: ") + default_project_hint(t))
            ->check(CLI::ExistingFile);
        sub.add_option("--listen", listen_,
                       t("监听的 主机:端口（默认 127.0.0.1:8600；端口 0 = 任一空闲端口）。本机回环以外的地址"
                         "（如 0.0.0.0:8600）必须同时给出 --token 或 --token-file",
                         "HOST:PORT to listen on (default 127.0.0.1:8600; port 0 = any free port).  An address "
                         "other than loopback (e.g. 0.0.0.0:8600) requires --token or --token-file"));
        auto* token = sub.add_option("--token", token_,
                                     t("访问令牌：每个 /api/ 请求须以 Authorization: Bearer 令牌 或 X-Ecozone-Token "
                                       "请求头携带它（命令行上的令牌其他用户可能看到，宜用 --token-file）",
                                       "Access token every /api/ request must carry (Authorization: Bearer TOKEN or "
                                       "X-Ecozone-Token); other users may see a command line: prefer --token-file"));
        auto* token_file =
            sub.add_option("--token-file", token_file_,
                           t("从文件的第一行读取访问令牌", "Read the access token from the first line of FILE"))
                ->check(CLI::ExistingFile);
        token->excludes(token_file);
        sub.add_option("--register", register_,
                       t("ecozone audit 写出的图斑登记表（patches.gpkg）：在工作台上复核图斑并录入核查结果"
                         "（核查状态、意见、日期、核查人，原子地写回该文件）",
                         "The patch register `ecozone audit` wrote (patches.gpkg): review its patches and record "
                         "field verifications in the workbench (status, opinion, date, officer; saved atomically "
                         "into that file)"))
            ->check(CLI::ExistingFile);
        sub.add_option("--indicators", indicators_,
                       t("ecozone indicators 写出的文件夹：在工作台上查看指标表和乡镇分级图，下载证据文件"
                         "（启动时按清单的 SHA-256 逐个核对）",
                         "The folder `ecozone indicators` wrote: its tables and township maps in the workbench and "
                         "its evidence files for download (each checked against the manifest's SHA-256 at start)"))
            ->check(CLI::ExistingDirectory);
        sub.add_option("--basemap", basemap_,
                       t("本地栅格底图（本区正射影像或分类栅格，任一 GDAL 可读的 8 位栅格），以 XYZ 瓦片绘在图层之下",
                         "A local raster basemap (the county's orthophoto or classified raster, any 8-bit raster GDAL "
                         "reads), drawn under the layers as XYZ tiles"))
            ->check(CLI::ExistingFile);
        sub.add_option("--max-upload-mb", max_upload_mb_,
                       t("请求体上限（MB，默认 50）；超过时答复 HTTP 413",
                         "Largest request body in MB (default 50); larger ones get HTTP 413"))
            ->check(CLI::Range(1, 4096));
        sub.add_option("--threads", threads_,
                       t("筛查器数（同时进行的筛查数，每个有自己的几何上下文；默认 0：每个处理器核心一个，至少 4 个、"
                         "最多 8 个）；打开的连接另有自己的线程",
                         "Screeners: screenings run at once, each with its own geometry context (default 0 = one "
                         "per core, at least 4, at most 8); open connections have threads of their own"))
            ->check(CLI::Range(0, 64));
        add_output_options(sub, output_, t);
        sub.footer(
            t("示例：\n"
              "  ecozone serve                                    示例项目，在浏览器中打开 http://127.0.0.1:8600/\n"
              "  ecozone serve my.toml --listen 127.0.0.1:9000\n"
              "  ecozone serve my.toml --listen 0.0.0.0:8600 --token-file /etc/ecozone/token\n"
              "  curl -s -X POST -H 'X-Requested-With: ecozone' --data @site.geojson http://127.0.0.1:8600/api/screen\n"
              "就绪后在标准错误输出上打印要打开的地址，之后每个请求一行日志；Ctrl-C 或 SIGTERM 停止。\n"
              "--json：就绪时打印 {\"url\": …, \"port\": …} 一行 JSON。\n"
              "退出码：0 正常停止，1 无法读入项目或无法监听，2 命令行用法错误（包括本机以外的地址未给令牌）。",
              "Examples:\n"
              "  ecozone serve                                    the sample project; open http://127.0.0.1:8600/\n"
              "  ecozone serve my.toml --listen 127.0.0.1:9000\n"
              "  ecozone serve my.toml --listen 0.0.0.0:8600 --token-file /etc/ecozone/token\n"
              "  curl -s -X POST -H 'X-Requested-With: ecozone' --data @site.geojson http://127.0.0.1:8600/api/screen\n"
              "Once ready it prints the address to open on stderr, then one log line per request; Ctrl-C or\n"
              "SIGTERM stops it.  --json: the ready line is one line of JSON {\"url\": …, \"port\": …}.\n"
              "Exit codes: 0 stopped, 1 the project could not be loaded or the address bound, 2 usage error\n"
              "(including a non-loopback address without a token)."));
    }

    int run(Streams io) override {
        const Lang t = output_.terminal();
        serve::ServerOptions options;
        if (!listen_.empty()) serve::parse_listen(listen_, options);
        options.token = token_file_.empty() ? token_ : serve::read_token_file(token_file_);
        options.max_upload_bytes = static_cast<std::size_t>(max_upload_mb_) * 1024 * 1024;
        options.threads = serve::server_threads(threads_);
        options.register_gpkg = register_;
        options.indicators_dir = indicators_;
        options.basemap = basemap_;
        // Refused before anything is read: a mistake here should not cost a project load.
        serve::require_token_for_bind(options);

        // Before any thread starts: SIGINT / SIGTERM must reach the watcher, not a reader's thread.
        const serve::StopSignalMask stop_signals;
        io.err << t("ecozone serve：正在读入项目…\n", "ecozone serve: loading the project…\n") << std::flush;
        const serve::Workbench workbench(resolve_project_path(project_), options.threads);
        serve::Server server(workbench, options, io.err);
        const int port = server.bind();
        // From here on SIGINT / SIGTERM (also one received while loading) stop the server.
        const serve::StopOnSignals stopper(stop_signals, [&server] { server.stop(); });
        const std::string url = serve::server_url(options.host, port);
        if (output_.json) {
            io.err << nlohmann::json({{"url", url}, {"port", port}}).dump() << "\n";
        } else {
            io.err << fmt::format("{} {}{}\n", t("ecozone serve：已就绪，请在浏览器中打开", "ecozone serve: ready; open"),
                                  url, t("（Ctrl-C 停止）", " (Ctrl-C stops)"));
        }
        io.err << std::flush;
        if (!server.run()) {
            throw make_error<IoError>("无法在 {} 上继续监听", "listening on {} failed", url);
        }
        io.err << t("ecozone serve：已停止\n", "ecozone serve: stopped\n");
        return kExitOk;
    }

private:
    std::string project_, listen_, token_, token_file_, register_, indicators_, basemap_;
    int max_upload_mb_ = 50;
    int threads_ = 0;
    OutputOptions output_;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace ecozone::cli
