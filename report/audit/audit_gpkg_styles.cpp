#include "report/audit/audit_gpkg_styles.h"

#include "analysis/change_patches.h"
#include "report/audit/register_labels.h"
#include "report/common/qml.h"

namespace ecozone::report {

// The filter stages' names as rejected.gpkg's stage_name field writes them (defined beside the
// writer in report/audit/audit_report.cpp, not yet declared in a header): the legend must read as
// the attribute table does.
std::string stage_name(const std::string& stage, const Lang& t);

namespace {

std::string patches_style(const Lang& t) {
    // docs/audit.md §3a's activity types; hdlx holds activity_name(code), e.g. "02 居民点".
    struct Activity {
        const char* code;
        const char* colour;
    };
    constexpr Activity kActivities[] = {
        {"01", "#e6ab02"},  // agriculture (reclamation)
        {"02", "#e31a1c"},  // settlement (construction)
        {"03", "#6a3d9a"},  // industry / mining
        {"04", "#b15928"},  // quarry
        {"05", "#1f78b4"},  // energy facility (PV)
        {"06", "#fb9a99"},  // tourism facility
        {"07", "#636363"},  // transport facility
        {"08", "#ff7f00"},  // livestock farm
        {"09", "#252525"},  // road
        {"10", "#cab2d6"},  // other structure
    };
    std::vector<qml::Category> categories;
    for (const auto& a : kActivities) {
        const std::string name = activity_name(a.code, t);
        categories.push_back({name, name, {qml::hex(a.colour), qml::hex("#1a1a1a"), 0.2, "solid"}});
    }
    // An external patch layer (--patches) may carry a code the register does not name.
    categories.push_back({"", t("其他活动类型", "other activity"), {qml::hex("#969696"), qml::hex("#1a1a1a"), 0.2}});
    qml::Options o;
    o.labels = qml::Labels{"tbbh"};
    o.labels->size_pt = 8;
    o.labels->outside = true;
    return qml::categorized_fill("hdlx", categories, o);
}

std::string rejected_style(const Lang& t) {
    // Greys: removed candidates are context, not findings; darker for the later stages.
    const std::pair<const char*, const char*> stages[] = {
        {analysis::kStageBoundaryShift, "#d9d9d9"}, {analysis::kStageNoisyTransition, "#bdbdbd"},
        {analysis::kStageCore, "#969696"},          {analysis::kStageMmu, "#737373"},
        {analysis::kStageConfidence, "#525252"},
    };
    std::vector<qml::Category> categories;
    for (const auto& [stage, colour] : stages) {
        categories.push_back({stage, stage_name(stage, t), {qml::hex(colour), qml::hex("#252525"), 0.2, "solid"}});
    }
    categories.push_back({"", t("其他阶段", "other stage"), {qml::hex("#f0f0f0"), qml::hex("#252525"), 0.2}});
    return qml::categorized_fill("stage", categories);
}

}  // namespace

std::vector<LayerStyle> audit_gpkg_styles(const Lang& t) {
    return {
        {"patches",
         t("人类活动遥感监测图斑清单，按活动类型着色，注记图斑编号",
           "Human-activity patch register, coloured by activity type and labelled with the patch id"),
         patches_style(t), t("活动类型", "activity type")},
        {"rejected",
         t("被各阶段剔除的候选图斑，附剔除阶段和理由，按剔除阶段着色",
           "Candidates removed by the filter stages, with the stage and the reason, shaded by stage"),
         rejected_style(t), t("剔除阶段", "filter stage")},
    };
}

}  // namespace ecozone::report
