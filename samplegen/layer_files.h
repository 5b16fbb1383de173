#pragma once
// The vector files of the sample project: one function writes every layer with its field
// schema (the names a Chinese county's data would carry).
#include "samplegen/model.h"

#include <string>
#include <vector>

namespace ecozone::samplegen {

struct WrittenLayer {
    std::string file;
    size_t features;
};

std::vector<WrittenLayer> write_vector_layers(const GeosContext& geos, const Model& model,
                                              const std::string& out_dir);

}  // namespace ecozone::samplegen
