#pragma once
// The province's indicators from its counties' indicators.json, exactly (docs/campaign.md §merge):
//   * every province area is the SUM of the county areas (hectares as the counties reported them,
//     to 0.0001 ha = 1 m²), never a mean of their percentages;
//   * forest coverage, wetland protection rate and red-line share are recomputed from those sums
//     (Σ forest / Σ land, Σ protected wetland / Σ wetland, Σ red line / Σ land);
//   * a figure some county could not assess (no red line, no wetland protection layer) is not
//     assessed for the province either, naming those counties — a province total over the others
//     would be silently milder;
//   * counties on different bases (area mode, forest or wetland basis) are refused: their hectares
//     are not the same quantity and must not be added.
#include "layers/note.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::analysis::campaign {

// One county's figures as its indicators.json gives them (the district zone).
struct CountyFigures {
    int task = 0;                  // plan task index
    std::string name, code, source;  // source: the indicators.json read
    std::string area_mode, forest_basis, wetland_basis;
    double area_ha = 0;
    double forest_ha = 0;
    double forest_pct = 0;         // as the county reported it
    double forest_target_pct = 0;
    bool wetland_assessed = true;
    double wetland_ha = 0, wetland_protected_ha = 0;
    std::optional<double> wetland_pct;  // nullopt: no wetland on the basis, or not assessed
    double wetland_target_pct = 0;
    bool redline_assessed = true;
    double redline_ha = 0;
    double redline_pct = 0;
    std::optional<double> redline_baseline_ha;  // given as hectares, or converted from its percentage
    std::map<std::string, double> groups_ha;    // land groups (cropland, forest, …)
};

// Reads the district figures of an indicators.json.  DataError naming the file when a field is
// missing (not written by ecozone indicators, or by an older version).
CountyFigures read_county_figures(const nlohmann::json& indicators, const std::string& source, int task);

// One province indicator: its sums, its ratio and whether it meets the target.
struct ProvinceRatio {
    bool assessed = true;                  // false: some county lacks it (see lacking)
    std::vector<std::string> lacking;      // "name (code)" of the counties that could not assess it
    double numerator_ha = 0, denominator_ha = 0;
    std::optional<double> value_pct;       // nullopt when not assessed or the denominator is 0
    std::optional<double> target_pct;      // nullopt when the counties' targets differ
    std::optional<bool> met;
    double margin_ha = 0;                  // area to add to meet the target (negative: surplus)
};

struct ProvinceFigures {
    std::string area_mode, forest_basis, wetland_basis;
    double area_ha = 0;
    ProvinceRatio forest;    // Σ forest / Σ land
    ProvinceRatio wetland;   // Σ protected wetland / Σ wetland
    ProvinceRatio redline;   // Σ red line / Σ land
    std::optional<double> redline_baseline_ha;  // Σ of the counties' baselines, when every one has one
    std::optional<bool> redline_not_decreased;
    std::map<std::string, double> groups_ha;
    std::vector<layers::Note> notes;  // what a reader must know (targets that differ, baselines missing)
};

// The province from its counties.  DataError naming the two counties and the field when their
// bases differ.  An empty list is a DataError too.
ProvinceFigures province_figures(const std::vector<CountyFigures>& counties);

// A sum of hectares written to 4 decimals, as the counties write theirs: adding numbers of 4
// decimals in binary floating point leaves a tail (…0000001) that is not a figure.
double round_ha(double ha);
double round_pct(double pct);  // 6 decimals, as indicators.json

}  // namespace ecozone::analysis::campaign
