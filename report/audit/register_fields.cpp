#include "report/audit/register_fields.h"

namespace ecozone::report {

const std::vector<RegisterField>& register_fields() {
    using layers::FieldType;
    static const std::vector<RegisterField> fields = {
        {"tbbh", FieldType::String, "图斑编号", "patch id", ColumnKind::Code},
        {"bhqmc", FieldType::String, "保护地名称", "protected area", ColumnKind::Text},
        {"jcnd", FieldType::Integer, "监测年度", "year", ColumnKind::Integer},
        {"pc", FieldType::Integer, "批次", "batch", ColumnKind::Integer},
        {"hdlx", FieldType::String, "活动类型", "activity type", ColumnKind::Text},
        {"bhlx", FieldType::String, "变化类型", "change type", ColumnKind::Text},
        {"gnfq", FieldType::String, "功能分区", "zone", ColumnKind::Text},
        {"xgnfq", FieldType::String, "新功能分区", "two-zone scheme", ColumnKind::Text},
        {"mj_hm2", FieldType::Real, "面积（公顷）", "area (hm²)", ColumnKind::Number, 4},
        {"zx_lon", FieldType::Real, "中心经度", "centre lon", ColumnKind::Number, 6},
        {"zx_lat", FieldType::Real, "中心纬度", "centre lat", ColumnKind::Number, 6},
        {"gk_x", FieldType::Real, "高斯X", "GK X", ColumnKind::Number, 2},
        {"gk_y", FieldType::Real, "高斯Y", "GK Y", ColumnKind::Number, 2},
        {"xzmc", FieldType::String, "所在乡镇", "township", ColumnKind::Text},
        {"cmc", FieldType::String, "所在村", "village", ColumnKind::Text},
        {"sfhx", FieldType::Integer, "是否在红线内", "in red line", ColumnKind::Integer},
        {"hxmj_hm2", FieldType::Real, "红线内面积", "red-line area", ColumnKind::Number, 4},
        {"hczt", FieldType::String, "核查状态", "verification status", ColumnKind::Text},
        {"hcyj", FieldType::String, "核查意见", "verification opinion", ColumnKind::Text},
        {"hcrq", FieldType::String, "核查日期", "verification date", ColumnKind::Text},
        {"confidence", FieldType::Real, "置信度", "confidence", ColumnKind::Number, 3},
        {"grade", FieldType::String, "置信等级", "confidence grade", ColumnKind::Text},
        {"qsxdl", FieldType::String, "前时相地类", "class before", ColumnKind::Text},
        {"hsxdl", FieldType::String, "后时相地类", "class after", ColumnKind::Text}};
    return fields;
}

const RegisterField& register_verifier_field() {
    static const RegisterField field{"hcr", layers::FieldType::String, "核查人", "verified by", ColumnKind::Text};
    return field;
}

std::vector<layers::OutputField> register_output_fields(const Lang& t) {
    std::vector<layers::OutputField> out;
    for (const RegisterField& f : register_fields()) out.push_back({f.name, f.type, t(f.zh, f.en)});
    return out;
}

}  // namespace ecozone::report
