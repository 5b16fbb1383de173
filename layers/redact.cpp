#include "layers/redact.h"

#include <regex>

namespace ecozone::layers {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view text, size_t i, std::string_view word) {
    if (i + word.size() > text.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
        if (lower(text[i + k]) != word[k]) return false;
    }
    return true;
}

// Whether a line could hold what the patterns below replace: a password keyword followed by '='
// or a PostgreSQL URI.  Exact enough that a report of tens of MB (SVG namespaces are "http://")
// never reaches the regular expressions, which are slow on large texts.
bool may_hold_secret(std::string_view line) {
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = lower(line[i]);
        if (c == 'p') {
            size_t j = i;
            if (starts_with_ci(line, i, "password")) {
                j = i + 8;
            } else if (starts_with_ci(line, i, "passwd")) {
                j = i + 6;
            } else if (starts_with_ci(line, i, "pwd")) {
                j = i + 3;
            } else if (starts_with_ci(line, i, "postgres://") || starts_with_ci(line, i, "postgresql://") ||
                       starts_with_ci(line, i, "pg://")) {
                return true;
            }
            if (j == i) continue;
            while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
            if (j < line.size() && line[j] == '=') return true;
        }
    }
    return false;
}

std::string redact_line(std::string_view line) {
    // libpq keywords: password / passwd / pwd (also inside PGPASSWORD=), a value quoted with '…'
    // (backslash escapes) or up to the next space, comma, semicolon, quote or end.
    static const std::regex keyword(R"(((?:pass(?:word|wd)|pwd)\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s,;"'&]+))",
                                    std::regex::icase);
    // URIs: postgres://user:secret@host — the secret between ':' and '@'.
    static const std::regex uri(R"(((?:postgres(?:ql)?|pg)://[^:/@\s]*:)[^@\s]*@)", std::regex::icase);
    std::string out = std::regex_replace(std::string(line), keyword, "$1***");
    return std::regex_replace(out, uri, "$1***@");
}

}  // namespace

std::string redact_secrets(std::string_view text) {
    // Line by line (no pattern spans a line), and the regular expressions only on lines that may
    // hold a secret: outputs are large and secrets rare.
    std::string out;
    out.reserve(text.size());
    size_t begin = 0;
    while (begin < text.size()) {
        size_t end = text.find('\n', begin);
        end = end == std::string_view::npos ? text.size() : end + 1;
        const std::string_view line = text.substr(begin, end - begin);
        if (may_hold_secret(line)) {
            out += redact_line(line);
        } else {
            out.append(line.data(), line.size());
        }
        begin = end;
    }
    return out;
}

}  // namespace ecozone::layers
