#pragma once
// All-or-nothing output files for one run of a report.
//
// A report writes several files (a GeoPackage, CSV tables, a provenance JSON).  If the run
// fails half-way, a planner must find the previous complete outputs untouched, never a mix
// of new and old or a truncated file.  So every output is first written under a temporary
// name in the same directory (same filesystem: the final rename is atomic on POSIX), and only
// commit() renames them onto their final names.  An OutputSet destroyed without commit()
// (an exception unwinding the run) deletes its temporary files instead.
#include <filesystem>
#include <string>
#include <vector>

namespace ecozone::layers {

class OutputSet {
public:
    // Creates out_dir (and its parents) if missing.  Throws IoError naming it when it cannot
    // be created, is not a directory, or is not writable.
    explicit OutputSet(std::string out_dir);
    // Removes every temporary file (and GDAL's sidecars of it) unless committed.  Never throws.
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    const std::filesystem::path& dir() const noexcept { return dir_; }
    // Where `file_name` will be after commit().
    std::string final_path(const std::string& file_name) const;

    // A temporary path inside dir() for the final name `file_name` (a plain file name, no
    // directory part), shaped ".<stem>.partial-<pid>.<ext>": the extension stays last because
    // GDAL drivers pick their behaviour by it (GPKG warns on anything but .gpkg).  Records the
    // pair for commit().  std::logic_error when the name was already requested or after
    // commit(); std::invalid_argument when the name is not a plain file name.
    std::string temp_path(const std::string& file_name);

    // Writes `contents` byte-exact to a temporary file for `file_name`.  IoError on failure.
    void write_text(const std::string& file_name, const std::string& contents);

    // Checks that every recorded temporary file exists and is closed (no SQLite journal
    // beside it), then renames each onto its final name, with its companion files
    // (a shapefile's .shx/.dbf/.prj/.cpg, a raster's .aux.xml).  Returns the final paths of
    // the recorded names, in the order they were requested.  IoError when a file is missing
    // or a rename fails (files not yet renamed are then removed by the destructor).
    std::vector<std::string> commit();

private:
    struct Entry {
        std::filesystem::path temp;
        std::filesystem::path final_path;
        bool renamed = false;
    };
    std::filesystem::path dir_;
    std::vector<Entry> entries_;
    bool committed_ = false;
};

}  // namespace ecozone::layers
