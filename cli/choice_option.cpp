#include "cli/choice_option.h"

#include <fmt/format.h>

#include <algorithm>

namespace ecozone::cli {

CLI::Validator choice_of(std::vector<Choice> choices, const Lang& t) {
    std::string label, listed;
    for (const Choice& c : choices) {
        const bool first = label.empty();
        label += (first ? "" : ",") + c.value;
        listed += (first ? "" : t("、", ", ")) + c.value;
        if (!t.en && !c.aliases.empty()) {
            label += "/" + c.aliases.front();
            listed += "（" + c.aliases.front() + "）";
        }
    }
    const bool en = t.en;
    auto check = [choices = std::move(choices), listed, en](std::string& input) -> std::string {
        for (const Choice& c : choices) {
            if (input == c.value || std::find(c.aliases.begin(), c.aliases.end(), input) != c.aliases.end()) {
                input = c.value;
                return {};
            }
        }
        return en ? fmt::format("'{}' is not one of {}", input, listed)
                  : fmt::format("“{}”不是可选的值，可选：{}", input, listed);
    };
    return CLI::Validator(check, "{" + label + "}");
}

std::vector<Choice> area_mode_choices() {
    return {{"ellipsoidal", {"椭球", "椭球面积"}}, {"planar", {"平面", "平面面积"}}};
}

std::vector<Choice> lang_choices() {
    return {{"zh", {"中文"}}, {"en", {"英文"}}};
}

}  // namespace ecozone::cli
