// Field verification saved into the patch register an `ecozone audit` wrote: validation, the
// compare-and-swap on the revision, concurrent officers, and nothing half-written.
#include "geo/errors.h"
#include "layers/gdal_handle.h"
#include "report/audit/register_verification.h"
#include "sample_register.h"
#include "test_config.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace ecozone;
using report::RegisterStore;
using report::Verification;

namespace {

fs::path fresh_copy(const std::string& name) { return test::register_copy(name); }

// Every patch id of a register, and the fields of one, read with plain OGR (not the store).
std::vector<std::string> patch_ids(const fs::path& gpkg) {
    GDALDatasetUniquePtr ds = layers::open_vector(gpkg.string());
    OGRLayer* l = ds->GetLayerByName("patches");
    std::vector<std::string> ids;
    for (auto& f : *l) ids.emplace_back(f->GetFieldAsString("tbbh"));
    return ids;
}
std::map<std::string, std::string> fields_of(const fs::path& gpkg, const std::string& id) {
    GDALDatasetUniquePtr ds = layers::open_vector(gpkg.string());
    OGRLayer* l = ds->GetLayerByName("patches");
    std::map<std::string, std::string> out;
    for (auto& f : *l) {
        if (id != f->GetFieldAsString("tbbh")) continue;
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            // The audit writes the empty verification fields as empty text; null reads the same.
            out[f->GetFieldDefnRef(i)->GetNameRef()] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
        }
    }
    return out;
}

Verification officer(const std::string& by, const std::string& opinion) {
    return Verification{"属实", opinion, "2025-10-08", by};
}

}  // namespace

TEST_CASE("a verification is saved into the register and read back, by plain OGR too", "[verification]") {
    const fs::path gpkg = fresh_copy("basic");
    const auto ids = patch_ids(gpkg);
    REQUIRE(ids.size() >= 3);
    RegisterStore store(gpkg.string());
    const auto before = store.read(ids[1]);
    REQUIRE(before);
    CHECK(before->revision == 0);
    CHECK(before->verification.opinion.empty());

    const auto saved = store.save(ids[1], 0, officer("王芳", "现场核实：新建养殖棚 2 处，<b>无审批</b>"));
    REQUIRE(saved);
    CHECK(saved->saved);
    CHECK(saved->current.revision == 1);
    const auto f = fields_of(gpkg, ids[1]);
    CHECK(f.at("hczt") == "属实");
    CHECK(f.at("hcyj") == "现场核实：新建养殖棚 2 处，<b>无审批</b>");
    CHECK(f.at("hcrq") == "2025-10-08");
    CHECK(f.at("hcr") == "王芳");
    CHECK(f.at("hc_rev") == "1");
    // The other patches are untouched; the register keeps its features and styles.
    CHECK(fields_of(gpkg, ids[0]).at("hcyj").empty());
    CHECK(patch_ids(gpkg) == ids);
    const auto again = store.read(ids[1]);
    CHECK(again->verification.status == "confirmed");
    CHECK(again->verification.by == "王芳");
    // A later save from the new revision goes through; one from the old is refused.
    Verification rectified{"rectified", "已拆除", "2025-11-20", "李强"};
    CHECK(store.save(ids[1], 1, rectified)->saved);
    const auto stale = store.save(ids[1], 1, officer("王芳", "旧的意见"));
    REQUIRE(stale);
    CHECK_FALSE(stale->saved);
    CHECK(stale->current.revision == 2);
    CHECK(stale->current.verification.opinion == "已拆除");
    CHECK(stale->current.verification.status == "rectified");
    CHECK(fields_of(gpkg, ids[1]).at("hcyj") == "已拆除");
}

TEST_CASE("an unknown patch is no patch: no filter is built from a hostile id", "[verification]") {
    const fs::path gpkg = fresh_copy("unknown");
    RegisterStore store(gpkg.string());
    CHECK_FALSE(store.read("no-such-patch"));
    CHECK_FALSE(store.read("x' OR '1'='1"));
    CHECK_FALSE(store.save("x' OR '1'='1", 0, officer("王芳", "注入")));
    CHECK_FALSE(store.save("../../etc/passwd", 0, officer("王芳", "遍历")));
    for (const auto& id : patch_ids(gpkg)) CHECK(fields_of(gpkg, id).at("hcyj").empty());
}

TEST_CASE("verification input is checked field by field, in both languages", "[verification]") {
    CHECK(report::validated({"已整改", "", "2024-02-29", " 张三 "}).status == "rectified");
    CHECK(report::validated({"False_Positive", "", "2024-02-29", "张三"}).by == "张三");
    CHECK_THROWS_WITH(report::validated({"done", "", "2025-10-08", "张三"}),
                      Catch::Contains("unknown verification status 'done'") && Catch::Contains("confirmed"));
    CHECK_THROWS_WITH(report::validated({"属实", "", "2025-02-29", "张三"}), Catch::Contains("not a valid date"));
    CHECK_THROWS_WITH(report::validated({"属实", "", "2025/10/08", "张三"}), Catch::Contains("2025-10-08"));
    CHECK_THROWS_WITH(report::validated({"属实", "", "2025-10-08", "  "}), Catch::Contains("name is missing"));
    CHECK_THROWS_WITH(report::validated({"属实", std::string("a\x01") + "b", "2025-10-08", "张三"}),
                      Catch::Contains("control character"));
    CHECK_THROWS_WITH(report::validated({"属实", std::string(9000, 'x'), "2025-10-08", "张三"}),
                      Catch::Contains("too long"));
    CHECK_THROWS_WITH(report::validated({"属实", "\xC7\xC7", "2025-10-08", "张三"}), Catch::Contains("UTF-8"));
    try {
        report::validated({"属实", "", "2025-13-01", "张三"});
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK_THAT(e.text(false), Catch::Contains("核查日期") && Catch::Contains("不是有效日期"));
    }
    // An invalid save changes nothing.
    const fs::path gpkg = fresh_copy("invalid");
    RegisterStore store(gpkg.string());
    const auto id = patch_ids(gpkg).front();
    CHECK_THROWS_AS(store.save(id, 0, {"属实", "", "yesterday", "张三"}), DataError);
    CHECK(fields_of(gpkg, id).at("hcrq").empty());
    CHECK(fields_of(gpkg, id).count("hc_rev") == 0);  // not even the columns were added
}

TEST_CASE("two officers at once: different patches both persist, the same patch only once", "[verification]") {
    const fs::path gpkg = fresh_copy("concurrent");
    const auto ids = patch_ids(gpkg);
    REQUIRE(ids.size() >= 8);
    SECTION("different patches, one store shared by the server's threads and a second store") {
        RegisterStore shared(gpkg.string()), other(gpkg.string());
        std::vector<std::thread> threads;
        std::vector<std::string> outcome(8);  // Catch's assertions are not for other threads
        for (size_t k = 0; k < 8; ++k) {
            threads.emplace_back([&, k] {
                RegisterStore& s = k % 2 ? shared : other;
                try {
                    const auto r = s.save(ids[k], 0, officer("官员" + std::to_string(k), "意见 " + std::to_string(k)));
                    outcome[k] = r && r->saved ? "saved" : "not saved";
                } catch (const std::exception& e) {
                    outcome[k] = e.what();
                }
            });
        }
        for (auto& t : threads) t.join();
        for (size_t k = 0; k < 8; ++k) {
            CHECK(outcome[k] == "saved");
            CHECK(fields_of(gpkg, ids[k]).at("hcyj") == "意见 " + std::to_string(k));
        }
    }
    SECTION("the same patch from the same revision: one is saved, the other sees its text") {
        RegisterStore a(gpkg.string()), b(gpkg.string());
        std::optional<report::SaveOutcome> ra, rb;
        std::string ea, eb;
        auto save = [&](RegisterStore& s, std::optional<report::SaveOutcome>& r, std::string& error, const char* who,
                        const char* text) {
            try {
                r = s.save(ids[0], 0, officer(who, text));
            } catch (const std::exception& e) {
                error = e.what();
            }
        };
        std::thread ta([&] { save(a, ra, ea, "甲", "甲的意见"); });
        std::thread tb([&] { save(b, rb, eb, "乙", "乙的意见"); });
        ta.join();
        tb.join();
        CHECK(ea.empty());
        CHECK(eb.empty());
        REQUIRE(ra);
        REQUIRE(rb);
        CHECK(ra->saved != rb->saved);
        const auto& loser = ra->saved ? *rb : *ra;
        const std::string winner_text = ra->saved ? "甲的意见" : "乙的意见";
        CHECK(loser.current.verification.opinion == winner_text);
        CHECK(loser.current.revision == 1);
        CHECK(fields_of(gpkg, ids[0]).at("hcyj") == winner_text);
    }
}

TEST_CASE("a register that cannot be opened or is not a register is one clear error", "[verification][bad-input]") {
    const fs::path dir = fs::temp_directory_path() / "ecozone_test_verification";
    fs::create_directories(dir);
    RegisterStore missing((dir / "missing.gpkg").string());
    CHECK_THROWS_WITH(missing.read("640303-2025-1-0001"), Catch::Contains("missing.gpkg") && Catch::Contains("cannot open"));
    const fs::path junk = dir / "junk.gpkg";
    std::ofstream(junk) << "not a geopackage";
    RegisterStore bad(junk.string());
    CHECK_THROWS_AS(bad.save("640303-2025-1-0001", 0, officer("王芳", "x")), IoError);
}
