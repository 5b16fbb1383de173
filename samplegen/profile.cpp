#include "samplegen/profile.h"

#include "geo/errors.h"

namespace ecozone::samplegen {

const Profile& profile_named(const std::string& key) {
    if (key == "hongsibu") return hongsibu_profile();
    if (key == "county2") return county2_profile();
    throw UsageError("unknown profile '" + key + "'; the profiles are hongsibu (the sample) and county2");
}

}  // namespace ecozone::samplegen
