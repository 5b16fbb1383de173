#pragma once
// Environmental control units (环境管控单元, "三线一单"): a partition of the district into
// priority protection (red line, reserve, water source), key control (parks, towns) and general
// control units (the rest), split by township.
#include "samplegen/model.h"

namespace ecozone::samplegen {

void make_control_units(const GeosContext& geos, Model& model);

}  // namespace ecozone::samplegen
