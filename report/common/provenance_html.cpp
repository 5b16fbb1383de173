#include "report/common/provenance_html.h"

#include "report/common/html_util.h"
#include "report/common/templates.h"
#include "layers/project.h"

#include <fmt/format.h>

namespace ecozone::report {

std::string provenance_html(const Provenance& p, const Lang& t, const std::string& run_label,
                            const std::string& document) {
    const std::string lang = t.en ? "en" : "zh";
    auto role = [&](const std::string& key) -> std::string {
        if (key == "project") return t("项目文件", "project file");
        if (key == "rules") return t("准入清单", "rules list");
        return layers::role_label_of_key(key, lang);
    };
    TemplateData inputs{TemplateData::type::list};
    for (const auto& f : p.inputs) {
        TemplateData row;
        row.set("role", role(f.role));
        row.set("file", f.file);
        row.set("size", f.rows >= 0 ? fmt::format(t("{} 行", "{} rows"), f.rows)
                                    : format_number(static_cast<double>(f.bytes), 0));
        row.set("sha256", f.sha256);
        inputs.push_back(row);
    }
    TemplateData run{TemplateData::type::list};
    auto item = [&](const std::string& label, const std::string& value) {
        TemplateData row;
        row.set("item", label);
        row.set("value", value);
        run.push_back(row);
    };
    item(t("工具版本", "tool version"), "ecozone " + p.tool_version);
    item(run_label, p.run_id);
    item(t("文档编号", "document id"), document + " " + document_id(p, document));
    item(t("运行时间（UTC）", "run time (UTC)"), p.started_utc);
    item(t("耗时（秒）", "seconds"), format_number(p.seconds, 2));
    item(t("命令", "command"), p.command_line);
    item(t("项目文件", "project file"), p.project_file);
    TemplateData d;
    d.set("h_role", t("角色", "role"));
    d.set("h_file", t("文件", "file"));
    d.set("h_size", t("字节 / 行", "bytes / rows"));
    d.set("h_item", t("项目", "item"));
    d.set("h_value", t("值", "value"));
    d.set("inputs", inputs);
    d.set("run", run);
    return render_template("provenance", d);
}

}  // namespace ecozone::report
