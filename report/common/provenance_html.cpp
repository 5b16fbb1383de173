#include "report/common/provenance_html.h"

#include "report/common/html_util.h"
#include "layers/project.h"

#include <fmt/format.h>

namespace ecozone::report {

std::string provenance_html(const Provenance& p, const Lang& t, const std::string& run_label,
                            const std::string& document) {
    std::vector<std::vector<std::string>> rows;
    const std::string lang = t.en ? "en" : "zh";
    auto role = [&](const std::string& key) -> std::string {
        if (key == "project") return t("项目文件", "project file");
        if (key == "rules") return t("准入清单", "rules list");
        return layers::role_label_of_key(key, lang);
    };
    for (const auto& f : p.inputs)
        rows.push_back({role(f.role), f.file,
                        f.rows >= 0 ? fmt::format(t("{} 行", "{} rows"), f.rows)
                                    : format_number(static_cast<double>(f.bytes), 0),
                        f.sha256});
    std::string body =
        html_table({t("角色", "role"), t("文件", "file"), t("字节 / 行", "bytes / rows"), "SHA-256"}, rows, "provenance");
    body += html_table({t("项目", "item"), t("值", "value")},
                       {{t("工具版本", "tool version"), "ecozone " + p.tool_version},
                        {run_label, p.run_id},
                        {t("文档编号", "document id"), document + " " + document_id(p, document)},
                        {t("运行时间（UTC）", "run time (UTC)"), p.started_utc},
                        {t("耗时（秒）", "seconds"), format_number(p.seconds, 2)},
                        {t("命令", "command"), p.command_line},
                        {t("项目文件", "project file"), p.project_file}},
                       "run");
    return body;
}

}  // namespace ecozone::report
