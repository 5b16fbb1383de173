#include "layers/output_set.h"

#include "geo/errors.h"
#include "layers/checksum.h"
#include "layers/fault_point.h"
#include "layers/redact.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>  // renameat2 (glibc ≥ 2.28)
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <set>
#include <stdexcept>
#include <system_error>
#include <thread>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

namespace fs = std::filesystem;

namespace ecozone::layers {

namespace {

// Files SQLite (GDAL's GPKG driver) keeps beside a database while it is open or after a crash
// mid-transaction.  Their presence at commit means the file is not complete.
const char* const kTransientSuffixes[] = {"-journal", "-wal", "-shm"};

std::string partial_prefix(const std::string& name) {
    return "." + name + ".ecozone-partial-";
}

// The hidden siblings of an output folder that only a run holding its lock may own.
bool is_stale_sibling(const std::string& entry, const std::string& name) {
    return entry.rfind(partial_prefix(name), 0) == 0;
}

// Temporary files of earlier versions, written inside the folder (".x.partial-<pid>.ext").
bool is_old_style_temp(const std::string& entry) {
    const auto at = entry.find(".partial-");
    return !entry.empty() && entry[0] == '.' && at != std::string::npos && at > 1;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// Hard-link (or, where the filesystem cannot, copy) `from` into `to`, folders recursively.
void link_tree(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    const auto status = fs::symlink_status(from, ec);
    if (fs::is_symlink(status)) {
        fs::copy_symlink(from, to, ec);
    } else if (fs::is_directory(status)) {
        fs::create_directory(to, ec);
        for (const auto& e : fs::directory_iterator(from, ec)) link_tree(e.path(), to / e.path().filename());
    } else {
        fs::create_hard_link(from, to, ec);
        if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    }
    if (ec) {
        throw make_error<IoError>(
            "{}：这个文件不是 ecozone 的输出，无法把它保留在新的输出中（{}）；请把它移出输出文件夹",
            "{}: cannot keep this file, which is not one of ecozone's outputs, in the new "
            "output set ({}); move it out of the output folder",
            from.string(), ec.message());
    }
}

}  // namespace

OutputSet::OutputSet(std::string out_dir, std::string set_name) : set_name_(std::move(set_name)) {
    if (out_dir.empty()) {
        throw IoError("输出文件夹：路径为空；请给出存放输出的文件夹",
                      "output directory: empty path; give a directory for the outputs");
    }
    std::error_code ec;
    dir_ = fs::absolute(fs::path(out_dir), ec).lexically_normal();
    if (dir_.filename().empty()) dir_ = dir_.parent_path();  // "out/" names out
    if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec)) {
        throw make_error<IoError>("{}：已存在但不是文件夹；请另选输出文件夹",
                                  "{}: exists but is not a directory; choose another output directory", out_dir);
    }
    if (fs::exists(dir_, ec) && ::access(dir_.c_str(), W_OK | X_OK) != 0) {
        throw make_error<IoError>("{}：输出文件夹不可写（{}）", "{}: the output directory is not writable ({})",
                                  out_dir, std::strerror(errno));
    }
    // The parent holds the lock and the partial folder; parents created here are removed again
    // if the run never commits, so a refused run leaves no empty folders behind.
    const fs::path parent = dir_.parent_path();
    std::vector<fs::path> missing;
    for (fs::path p = parent; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        missing.push_back(p);
        if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (!fs::create_directory(*it, ec) && ec) {
            throw make_error<IoError>("{}：无法创建输出文件夹（{}）", "{}: cannot create the output directory ({})",
                                      out_dir, ec.message());
        }
        created_parents_.push_back(*it);
    }
    if (!fs::is_directory(parent, ec)) {
        throw make_error<IoError>("{}：无法创建输出文件夹（{} 不是文件夹）",
                                  "{}: cannot create the output directory ({} is not a directory)", out_dir,
                                  parent.string());
    }
    if (::access(parent.c_str(), W_OK | X_OK) != 0) {
        throw make_error<IoError>("{}：无法在输出文件夹所在的 {} 中写入（{}）",
                                  "{}: cannot write beside the output directory in {} ({})", out_dir, parent.string(),
                                  std::strerror(errno));
    }

    // One run per output folder.  The lock file is re-checked after locking: a run that ends
    // unlinks it, and a lock on an unlinked file would protect nothing.
    const std::string name = dir_.filename().string();
    lock_path_ = parent / ("." + name + ".ecozone.lock");
    for (;;) {
        lock_fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lock_fd_ < 0) {
            throw make_error<IoError>("{}：无法创建锁文件 {}（{}）", "{}: cannot create the lock file {} ({})", out_dir,
                                      lock_path_.string(), std::strerror(errno));
        }
        if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
            char holder[32] = {};
            (void)!::pread(lock_fd_, holder, sizeof holder - 1, 0);
            ::close(lock_fd_);
            lock_fd_ = -1;
            const std::string pid = holder[0] ? holder : "?";
            throw make_error<IoError>("{}：另一个 ecozone 进程（pid {}）正在写这个输出文件夹；请等它结束，或另选 --out",
                                      "{}: another ecozone run (pid {}) is writing this output folder; wait for it "
                                      "to finish or choose another --out",
                                      out_dir, pid);
        }
        struct stat held {
        }, now{};
        if (::fstat(lock_fd_, &held) == 0 && ::stat(lock_path_.c_str(), &now) == 0 && held.st_ino == now.st_ino &&
            held.st_dev == now.st_dev) {
            break;
        }
        ::close(lock_fd_);  // the file was replaced under us: lock the one that is there now
    }
    const std::string pid = std::to_string(::getpid());
    (void)!::ftruncate(lock_fd_, 0);
    (void)!::pwrite(lock_fd_, pid.data(), pid.size(), 0);

    // What killed runs left behind is nobody's now that we hold the lock.
    for (const auto& e : fs::directory_iterator(parent, ec)) {
        if (is_stale_sibling(e.path().filename().string(), name)) fs::remove_all(e.path(), ec);
    }
    if (fs::is_directory(dir_, ec)) {
        for (const auto& e : fs::directory_iterator(dir_, ec)) {
            if (is_old_style_temp(e.path().filename().string())) fs::remove_all(e.path(), ec);
        }
    }
    stage_ = parent / (partial_prefix(name) + pid);
    fs::create_directory(stage_, ec);
    if (ec) {
        throw make_error<IoError>("{}：无法创建工作文件夹 {}（{}）", "{}: cannot create the working folder {} ({})",
                                  out_dir, stage_.string(), ec.message());
    }
}

OutputSet::~OutputSet() {
    try {
        std::error_code ec;
        if (!committed_ && !stage_.empty()) fs::remove_all(stage_, ec);
        if (lock_fd_ >= 0) {
            ::unlink(lock_path_.c_str());
            ::close(lock_fd_);
        }
        if (!committed_) {
            for (auto it = created_parents_.rbegin(); it != created_parents_.rend(); ++it) fs::remove(*it, ec);
        }
    } catch (...) {
        // Only allocation can throw here; a leftover hidden folder is cleaned by the next run.
    }
}

std::string OutputSet::final_path(const std::string& file_name) const {
    return (dir_ / file_name).string();
}

std::string OutputSet::temp_path(const std::string& file_name) {
    if (committed_) throw std::logic_error("OutputSet::temp_path('" + file_name + "') after commit()");
    const fs::path name(file_name);
    if (file_name.empty() || name.filename() != name || file_name == "." || file_name == "..") {
        throw std::invalid_argument("OutputSet::temp_path: '" + file_name + "' is not a plain file name");
    }
    for (const auto& e : entries_) {
        if (e.name == file_name) throw std::logic_error("OutputSet::temp_path: '" + file_name + "' requested twice");
    }
    entries_.push_back({file_name, stage_ / name});
    return entries_.back().staged.string();
}

namespace {

// Writes `text`, secrets redacted, to `temp`; errors name `shown` (the file's final path).
void write_redacted(const std::string& temp, const std::string& shown, const std::string& text) {
    // No report may carry a connection string's password, whichever code put it there.
    const std::string contents = redact_secrets(text);
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw make_error<IoError>("{}：无法创建（{}）", "{}: cannot create ({})", shown, std::strerror(errno));
    }
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();  // close() flushes; a full disk shows up only here
    if (!out) {
        throw make_error<IoError>("{}：无法写入（{}）", "{}: cannot write ({})", shown, std::strerror(errno));
    }
}

}  // namespace

void OutputSet::write_text(const std::string& file_name, const std::string& text) {
    write_redacted(temp_path(file_name), final_path(file_name), text);
}

void OutputSet::write_texts(const std::vector<TextFile>& files, int threads) {
    std::vector<std::string> temps;
    for (const auto& f : files) temps.push_back(temp_path(f.name));  // only this thread records names
    const size_t workers = std::min<size_t>(
        files.size(), threads > 0 ? static_cast<size_t>(threads) : std::max(1u, std::thread::hardware_concurrency()));
    std::atomic<size_t> next{0};
    std::vector<std::exception_ptr> errors(workers);
    auto work = [&](size_t k) {
        try {
            for (size_t i = next++; i < files.size(); i = next++) {
                write_redacted(temps[i], final_path(files[i].name), *files[i].contents);
            }
        } catch (...) {
            errors[k] = std::current_exception();
            next = files.size();  // the others stop at their next file
        }
    };
    std::vector<std::thread> pool;
    for (size_t k = 1; k < workers; ++k) pool.emplace_back(work, k);
    if (workers > 0) work(0);
    for (auto& t : pool) t.join();
    for (const auto& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

void OutputSet::write_manifest(const std::string& run_id) const {
    nlohmann::json m;
    m["set"] = set_name_;
    m["run_id"] = run_id;
    m["written_utc"] = utc_now();
    m["files"] = nlohmann::json::array();
    // Every file of the set, with what a driver wrote beside the ones we named (a shapefile's parts).
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(stage_, ec)) {
        if (e.is_regular_file(ec)) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        m["files"].push_back({{"name", f.filename().string()},
                              {"bytes", fs::file_size(f, ec)},
                              {"sha256", sha256_file(f.string())},
                              {"run_id", run_id}});
    }
    std::ofstream out(stage_ / manifest_name(), std::ios::binary | std::ios::trunc);
    out << m.dump(2) << "\n";
    out.close();
    if (!out) {
        throw make_error<IoError>("{}：无法写入（{}）", "{}: cannot write ({})", final_path(manifest_name()),
                                  std::strerror(errno));
    }
}

// The files of the output folder that are not this kind of set's (another report's outputs, the
// user's own notes) stay: hard-linked into the new folder before the swap.  This set's files — in
// the previous manifest, or named as the new set names them — are replaced.
void OutputSet::carry_over_foreign_files() const {
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) return;
    std::set<std::string> ours = {manifest_name()};
    for (const auto& e : entries_) ours.insert(e.name);
    if (std::ifstream in(dir_ / manifest_name()); in) {
        try {
            const nlohmann::json previous = nlohmann::json::parse(in);
            for (const auto& f : previous.at("files")) ours.insert(f.at("name").get<std::string>());
        } catch (const std::exception&) {
            // An unreadable manifest protects nothing: its files are kept like any other.
        }
    }
    for (const auto& e : fs::directory_iterator(dir_, ec)) {
        const std::string entry = e.path().filename().string();
        if (ours.count(entry) || is_old_style_temp(entry)) continue;
        // A file the new set also holds under a companion name (x.shp's x.dbf) is replaced too.
        if (fs::exists(stage_ / entry, ec)) continue;
        link_tree(e.path(), stage_ / entry);
    }
}

std::vector<std::string> OutputSet::commit(const std::string& run_id) {
    if (committed_) throw std::logic_error("OutputSet::commit() called twice");
    // Check everything before touching the output folder.
    for (const auto& e : entries_) {
        std::error_code ec;
        if (!fs::is_regular_file(e.staged, ec)) {
            throw make_error<IoError>("{0}：输出没有写出（{1} 中没有文件 {2}）",
                                      "{0}: the output was not written (no file {2} in {1})", final_path(e.name),
                                      stage_.filename().string(), e.name);
        }
        for (const char* suffix : kTransientSuffixes) {
            if (fs::exists(e.staged.string() + suffix, ec)) {
                throw make_error<IoError>("{}：仍处于打开状态或写入被中断（发现 {}{}）；请先关闭数据集",
                                          "{}: still open or interrupted (found {}{}); close the dataset before "
                                          "committing",
                                          final_path(e.name), e.name, suffix);
            }
        }
    }
    write_manifest(run_id);
    fault_point("commit:manifest");
    carry_over_foreign_files();
    fault_point("commit:carried");
    std::error_code ec;
    if (!fs::exists(dir_, ec)) {
        fs::rename(stage_, dir_, ec);
        if (ec)
            throw make_error<IoError>("{}：无法把写好的输出移到位（{}）",
                                      "{}: cannot move the finished outputs into place ({})", dir_.string(),
                                      ec.message());
    } else if (::renameat2(AT_FDCWD, stage_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) != 0) {
        // A filesystem without the atomic exchange: move the old folder aside, the new one in.
        const fs::path old = stage_.string() + "-old";
        fs::rename(dir_, old, ec);
        if (ec) {
            throw make_error<IoError>("{}：无法替换之前的输出（{}）；请检查其中的文件是否被其他程序打开",
                                      "{}: cannot replace the previous outputs ({}); check that no file in it is "
                                      "open in another program",
                                      dir_.string(), ec.message());
        }
        fs::rename(stage_, dir_, ec);
        if (ec) {
            std::error_code back;
            fs::rename(old, dir_, back);  // put the previous set back
            throw make_error<IoError>("{}：无法把写好的输出移到位（{}）",
                                      "{}: cannot move the finished outputs into place ({})", dir_.string(),
                                      ec.message());
        }
        fs::remove_all(old, ec);
    } else {
        fault_point("commit:swapped");
        fs::remove_all(stage_, ec);  // the previous set, now under the partial name
    }
    committed_ = true;
    // The folder is complete again: another run may write it now.
    ::unlink(lock_path_.c_str());
    ::close(lock_fd_);
    lock_fd_ = -1;
    std::vector<std::string> done;
    for (const auto& e : entries_) done.push_back(final_path(e.name));
    return done;
}

}  // namespace ecozone::layers
