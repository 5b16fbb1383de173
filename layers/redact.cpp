#include "layers/redact.h"

#include <regex>

namespace ecozone::layers {

std::string redact_secrets(std::string_view text) {
    // Cheap test first: outputs are large and secrets rare.
    bool candidate = false;
    for (size_t i = 0; i + 3 <= text.size() && !candidate; ++i) {
        const char c = static_cast<char>(text[i] | 0x20);
        candidate = (c == 'p' && (text[i + 1] | 0x20) == 'a' && (text[i + 2] | 0x20) == 's') ||
                    (c == 'p' && (text[i + 1] | 0x20) == 'w' && (text[i + 2] | 0x20) == 'd') ||
                    (text[i] == ':' && text[i + 1] == '/' && text[i + 2] == '/');
    }
    if (!candidate) return std::string(text);
    // libpq keywords: password / passwd / pwd (also inside PGPASSWORD=), a value quoted with '…'
    // (backslash escapes) or up to the next space, comma, semicolon, quote or end.
    static const std::regex keyword(R"(((?:pass(?:word|wd)|pwd)\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s,;"'&]+))",
                                    std::regex::icase);
    // URIs: postgres://user:secret@host — the secret between ':' and '@'.
    static const std::regex uri(R"(((?:postgres(?:ql)?|pg)://[^:/@\s]*:)[^@\s]*@)", std::regex::icase);
    std::string out = std::regex_replace(std::string(text), keyword, "$1***");
    return std::regex_replace(out, uri, "$1***@");
}

}  // namespace ecozone::layers
