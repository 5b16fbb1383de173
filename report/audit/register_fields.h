#pragma once
// The fields of the patch register (patches.gpkg, layer "patches"; docs/audit.md §5) in one place:
// what `ecozone audit` writes, and what the workbench's CSV / XLSX downloads of the register list
// with their verification filled in.
#include "layers/vector_writer.h"
#include "report/common/lang.h"
#include "report/common/table.h"

#include <vector>

namespace ecozone::report {

struct RegisterField {
    const char* name;  // "tbbh"
    layers::FieldType type;
    const char* zh;  // 图斑编号
    const char* en;  // patch id
    ColumnKind kind;   // in a spreadsheet (ids stay text)
    int decimals = 0;  // a Number column's
};

// In the register's order: 图斑编号 tbbh … 后时相地类 hsxdl.
const std::vector<RegisterField>& register_fields();

// 核查人: added to the register by the first verification the workbench saves.
const RegisterField& register_verifier_field();

// The register's fields as `ecozone audit` writes them, labelled in the report's language.
std::vector<layers::OutputField> register_output_fields(const Lang& t);

}  // namespace ecozone::report
