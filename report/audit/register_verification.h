#pragma once
// Field verification recorded into an audit's patch register (patches.gpkg, layer "patches"):
// status (核查状态 hczt), opinion (核查意见 hcyj), date (核查日期 hcrq) and who (核查人 hcr), with
// a revision (hc_rev) that makes concurrent saves safe.
//
// A save is one SQLite transaction: the register is never left half-updated.  Saves are
// compare-and-swap on the revision the officer's screen showed: two officers saving different
// patches at once both persist; of two saving the same patch from the same revision the later
// is refused and told what the other wrote (SaveOutcome::current).  Saves and reads take turns
// on a lock of the whole file (flock), so stores in other threads or processes wait rather than
// fail; a RegisterStore also serialises its own callers.
#include "report/common/lang.h"
#include "report/common/table.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ecozone::report {

// The statuses an officer may record (JSON code; the register holds the Chinese label).
struct VerificationStatus {
    const char* code;   // "confirmed"
    const char* zh;     // "属实"
    const char* en;     // "confirmed"
};
const std::vector<VerificationStatus>& verification_statuses();
// A status given as its code, Chinese or English label (case-insensitive); nullopt if none.
std::optional<VerificationStatus> find_verification_status(const std::string& text);

struct Verification {
    std::string status;   // a code of verification_statuses(), "" when never verified
    std::string opinion;  // 核查意见, free text
    std::string date;     // 核查日期, YYYY-MM-DD
    std::string by;       // 核查人
};

struct StoredVerification {
    Verification verification;
    std::int64_t revision = 0;  // 0: never saved
};

struct SaveOutcome {
    bool saved = false;          // false: the patch changed underneath (revision moved on)
    StoredVerification current;  // what the register holds now (the new values when saved)
};

// Checks a verification before it is saved: a known status, a real calendar date, opinion and
// name of sensible length, no control characters.  Throws DataError naming the field and the fix,
// in both languages.
Verification validated(const Verification& v);

class RegisterStore {
public:
    // `gpkg` is the register an `ecozone audit` wrote; nothing is opened until used.
    explicit RegisterStore(std::string gpkg);

    // The verification of patch `patch_id` (tbbh); nullopt when the register has no such patch.
    // Throws IoError when the register cannot be read.
    std::optional<StoredVerification> read(const std::string& patch_id) const;

    // Saves `v` (validated first) when the patch is still at `expected_revision`.  nullopt when
    // the register has no such patch.  Throws DataError (invalid input), IoError (unwritable).
    std::optional<SaveOutcome> save(const std::string& patch_id, std::int64_t expected_revision,
                                    const Verification& v);

    // The whole register as a GeoJSON FeatureCollection in lon/lat (EPSG:4490, 7 decimals): every
    // attribute under its register name, and "verification" {status, opinion, date, by,
    // revision} as read() gives it.  Throws IoError / DataError as read() does.
    nlohmann::json geojson() const;

    // The register file's bytes, read while no save is under way (a download).  Throws IoError.
    std::string file_bytes() const;

    // The register as a table for CSV / XLSX (report/audit/register_fields.h: every field the
    // register has, in its order, then 核查人), headers in `t`'s language, one row per patch with
    // the verification as saved.  Throws IoError / DataError as read() does.
    Table table(const Lang& t) const;

    // The before (true) or after picture of a patch (PNG, report/audit/patch_images.h); nullopt
    // when the register has none for it (an audit on an external patch layer has no pictures).
    std::optional<std::string> image(const std::string& patch_id, bool before) const;

    const std::string& path() const { return gpkg_; }

private:
    std::string gpkg_;
    mutable std::mutex mutex_;  // one save or read at a time in this process
};

}  // namespace ecozone::report
