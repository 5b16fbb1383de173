#include "layers/text_match.h"

#include <algorithm>
#include <numeric>

namespace ecozone::layers {

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    std::iota(prev.begin(), prev.end(), 0);
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& known) {
    std::string best;
    size_t best_d = static_cast<size_t>(-1);
    for (const auto& k : known) {
        const size_t d = edit_distance(word, k);
        if (d < best_d) {
            best_d = d;
            best = k;
        }
    }
    const size_t limit = std::max<size_t>(1, std::max(word.size(), best.size()) / 3);
    return best_d <= limit ? best : "";
}

}  // namespace ecozone::layers
