#pragma once
// All-or-nothing output sets for one run of a report.
//
// A report writes several files (a GeoPackage, CSV tables, JSON, HTML).  A planner must find
// either the complete previous set or the complete new one — never a new JSON beside an old
// HTML, never a truncated file — whatever happens to the run (an error, kill -9, a full disk, a
// second run into the same folder).  So:
//   * every output is written into a hidden sibling folder ".<name>.ecozone-partial-<pid>" (same
//     filesystem), under its final name;
//   * commit() writes a manifest (<set>.manifest.json: the run id, each file's size and SHA-256),
//     carries over the files in the output folder that are not this set's (hard links), and swaps
//     the two folders in one atomic rename (renameat2 RENAME_EXCHANGE), then removes the old one;
//   * a lock file ".<name>.ecozone.lock" beside the folder is held from construction to the end:
//     a second run into the same folder fails at once with a clear message;
//   * partial folders left by killed runs are removed by the next run (it holds the lock, so they
//     are nobody's);
//   * a run that never commits leaves the output folder as it was, and creates none.
#include <filesystem>
#include <string>
#include <vector>

namespace ecozone::layers {

class OutputSet {
public:
    // `out_dir`: the folder the outputs go to; `set_name` ("indicators", "screening", "audit")
    // names this kind of set, so that two kinds of report can share a folder.  Throws IoError naming
    // the folder when it is a file, cannot be written, or another run holds it.
    explicit OutputSet(std::string out_dir, std::string set_name = "outputs");
    // Removes the partial folder (and any parent folders it created) unless committed, and
    // releases the lock.  Never throws.
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    const std::filesystem::path& dir() const noexcept { return dir_; }
    // Where `file_name` will be after commit().
    std::string final_path(const std::string& file_name) const;

    // The path to write `file_name` (a plain file name, no directory part) to: its final name in
    // the partial folder.  Records it for commit().  std::logic_error when the name was already
    // requested or after commit(); std::invalid_argument when the name is not a plain file name.
    std::string temp_path(const std::string& file_name);

    // Writes `contents` byte-exact (secrets redacted, layers/redact.h) for `file_name`.  IoError on failure.
    void write_text(const std::string& file_name, const std::string& contents);

    // write_text for several files at once (a batch's HTML pages, tens of megabytes to redact and
    // write): the names are recorded on the calling thread, the files written on up to `threads`
    // (0: one per core).  The first failure is thrown once every writer has stopped.
    struct TextFile {
        std::string name;
        const std::string* contents;
    };
    void write_texts(const std::vector<TextFile>& files, int threads = 0);

    // Checks that every recorded file exists and is closed (no SQLite journal beside it), writes
    // the manifest with `run_id`, and swaps the new set into place.  Returns the final paths of the
    // recorded names, in the order they were requested.  IoError when a file is missing or the swap
    // fails (the previous set is then untouched).
    std::vector<std::string> commit(const std::string& run_id = "");

    // The manifest's file name for this set ("indicators.manifest.json").
    std::string manifest_name() const { return set_name_ + ".manifest.json"; }

private:
    struct Entry {
        std::string name;
        std::filesystem::path staged;
    };
    void carry_over_foreign_files() const;
    void write_manifest(const std::string& run_id) const;

    std::filesystem::path dir_;
    std::filesystem::path stage_;
    std::string set_name_;
    std::vector<Entry> entries_;
    std::vector<std::filesystem::path> created_parents_;
    int lock_fd_ = -1;
    std::filesystem::path lock_path_;
    bool committed_ = false;
};

}  // namespace ecozone::layers
