#include "report/screening/summary_pdf.h"

#include <fmt/format.h>

namespace ecozone::report {

namespace {

using layers::Verdict;

// At most `max_chars` code points of `s`, with "…" when cut; never splits a UTF-8 sequence.
std::string shortened(const std::string& s, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
        if (chars++ == max_chars) return s.substr(0, i) + "…";
    }
    return s;
}

// A light tint of the verdict's colour, so the column reads at a glance and prints in grey.
Rgb verdict_fill(const SitePdfView& v) {
    if (!v.screened) return hex_rgb(0xe0e0e0);
    switch (v.verdict) {
        case Verdict::Prohibited:
            return hex_rgb(0xf6d0d0);
        case Verdict::Restricted:
            return hex_rgb(0xffe9a8);
        case Verdict::Allowed:
            break;
    }
    return hex_rgb(0xd4ead5);
}

}  // namespace

void write_summary_pdf(const std::string& path, const std::vector<SitePdfView>& sites, const Lang& t,
                       const SummaryPdfInfo& info, const PdfFonts& fonts) {
    const std::string title = t("建设项目选址研判汇总", "Site screening summary");
    PdfMeta meta;
    meta.title = info.district.empty() ? title : info.district + " " + title;
    meta.footer = fmt::format(t("ecozone {} · 运行编号 {}", "ecozone {} · run {}"),
                              info.version.empty() ? "—" : info.version, info.run_id.empty() ? "—" : info.run_id);
    meta.created_utc = info.generated_utc;
    meta.english = t.en;
    PdfDocument doc(fonts, meta);
    doc.text(meta.title, TextStyle{17, true, Rgb{}, TextAlign::Left, 0});
    doc.space(3);
    doc.text(
        fmt::format(t("共 {} 个选址；运行编号：{}；工具版本：ecozone {}；生成时间（UTC）：{}。",
                      "{} sites; run id: {}; tool version: ecozone {}; generated (UTC): {}."),
                    sites.size(), info.run_id.empty() ? "—" : info.run_id, info.version.empty() ? "—" : info.version,
                    info.generated_utc.empty() ? "—" : info.generated_utc),
        TextStyle{8.5, false, Rgb{0.3, 0.3, 0.3}, TextAlign::Left, 0});
    doc.space(6);

    size_t prohibited = 0, restricted = 0, allowed = 0, unscreened = 0, incomplete = 0;
    for (const auto& s : sites) {
        if (!s.screened) {
            ++unscreened;
            continue;
        }
        (s.verdict == Verdict::Prohibited ? prohibited : s.verdict == Verdict::Restricted ? restricted : allowed)++;
        if (!s.complete) ++incomplete;
    }
    std::vector<Badge> counts{
        {fmt::format("{} {}", layers::verdict_label(Verdict::Prohibited, t.en ? "en" : "zh"), prohibited),
         hex_rgb(0xc62828), hex_rgb(0xffffff), false},
        {fmt::format("{} {}", layers::verdict_label(Verdict::Restricted, t.en ? "en" : "zh"), restricted),
         hex_rgb(0xffb300), hex_rgb(0x000000), false},
        {fmt::format("{} {}", layers::verdict_label(Verdict::Allowed, t.en ? "en" : "zh"), allowed), hex_rgb(0x2e7d32),
         hex_rgb(0xffffff), false}};
    if (unscreened > 0) {
        counts.push_back({fmt::format(t("未能筛查 {}", "not screened {}"), unscreened), hex_rgb(0x757575),
                          hex_rgb(0xffffff), false});
    }
    if (incomplete > 0) {
        counts.push_back(
            {fmt::format(t("结论不完整 {}", "incomplete {}"), incomplete), Rgb{}, hex_rgb(0x6a1b9a), true});
    }
    doc.badges(counts, 11);
    doc.space(4);
    if (incomplete > 0) {
        doc.text(t("* 结论不完整：部分规则因项目缺少相应图层未能评估，结论可能偏宽，详见各选址的研判报告。",
                   "* incomplete: some rules could not be assessed because the project lacks their layers, so the "
                   "verdict may be too mild; see each site's report."),
                 TextStyle{8, false, hex_rgb(0x6a1b9a), TextAlign::Left, 0});
    }
    doc.space(6);

    TableSpec table;
    table.font_pt = 7.5;
    table.header = {t("序号", "no."),
                    t("编号", "id"),
                    t("项目名称", "name"),
                    t("所在位置", "location"),
                    t("面积（公顷）", "area (ha)"),
                    t("结论", "verdict"),
                    t("决定性规则", "deciding rules")};
    table.widths = {0.06, 0.12, 0.28, 0.15, 0.11, 0.08, 0.2};
    table.right = {true, false, false, false, true, false, false};
    table.rows.reserve(sites.size());
    for (size_t i = 0; i < sites.size(); ++i) {
        const SitePdfView& s = sites[i];
        std::string verdict = s.verdict_label;
        if (s.screened && !s.complete) verdict += "*";  // one line a row: the mark is explained above the table
        std::string deciding = s.screened ? s.deciding_ids : shortened(s.error, 40);
        if (s.screened && deciding.empty()) deciding = "—";
        table.rows.push_back({std::to_string(i + 1), shortened(s.id, 40), shortened(s.name, 100),
                              shortened(s.location, 40), s.area_ha.empty() ? "—" : s.area_ha,
                              TableCell(verdict, verdict_fill(s), true), deciding});
    }
    doc.table(table);
    doc.write(path);
}

void write_summary_pdf(const std::string& path, const std::vector<SitePdfView>& sites, const Lang& t,
                       const SummaryPdfInfo& info) {
    const PdfFonts fonts;
    write_summary_pdf(path, sites, t, info, fonts);
}

}  // namespace ecozone::report
