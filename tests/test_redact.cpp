// Passwords never reach an output: the redaction of libpq keywords and PostgreSQL URIs, also in
// large texts where only a few lines may hold one.
#include "layers/redact.h"

#include <catch2/catch.hpp>

#include <string>

using ecozone::layers::redact_secrets;

TEST_CASE("password keywords and URIs are redacted", "[redact]") {
    CHECK(redact_secrets("PG:dbname=x user=u password=s3cret host=h") == "PG:dbname=x user=u password=*** host=h");
    CHECK(redact_secrets("PGPASSWORD=abc ecozone") == "PGPASSWORD=*** ecozone");
    CHECK(redact_secrets("pwd = 'a b\\'c' next") == "pwd = *** next");
    CHECK(redact_secrets("Passwd=x;y") == "Passwd=***;y");
    CHECK(redact_secrets("postgresql://me:top@db/x") == "postgresql://me:***@db/x");
    CHECK(redact_secrets("PG://me:top@db") == "PG://me:***@db");
}

TEST_CASE("text without secrets passes unchanged, whatever it holds", "[redact]") {
    const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>password policy</text></svg>\n";
    CHECK(redact_secrets(svg) == svg);
    CHECK(redact_secrets("") == "");
    CHECK(redact_secrets("no newline at end") == "no newline at end");
}

TEST_CASE("a secret among many lines is found and only its line changes", "[redact]") {
    std::string big;
    for (int i = 0; i < 20000; ++i) big += "<path d=\"M0 0L1 1\"/> http://example\n";
    const std::string secret_line = "command: ecozone info PG:\"dbname=d password=hunter2\"\n";
    const std::string text = big + secret_line + big;
    const std::string out = redact_secrets(text);
    CHECK(out.find("hunter2") == std::string::npos);
    CHECK(out.size() == text.size() - std::string("hunter2").size() + 3);
    CHECK(out.substr(0, big.size()) == big);
}
