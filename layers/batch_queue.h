#pragma once
// A bounded queue of batches between one producer thread and one consumer: reading a file with
// GDAL on one core while GEOS builds geometries on the other, with memory capped at `capacity`
// batches in flight.
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>

namespace ecozone::layers {

template <typename Batch>
class BatchQueue {
public:
    explicit BatchQueue(size_t capacity) : capacity_(capacity) {}

    // Producer: blocks while the queue is full; returns false when the consumer has given up.
    bool push(Batch batch) {
        std::unique_lock<std::mutex> lock(mutex_);
        not_full_.wait(lock, [&] { return items_.size() < capacity_ || abandoned_; });
        if (abandoned_) return false;
        items_.push_back(std::move(batch));
        not_empty_.notify_one();
        return true;
    }
    // Producer: no more batches (with the exception that stopped it, if any).
    void finish(std::exception_ptr error = nullptr) {
        std::lock_guard<std::mutex> lock(mutex_);
        finished_ = true;
        error_ = error;
        not_empty_.notify_one();
    }
    // Consumer: the next batch, or nullopt at the end (rethrows the producer's exception).
    std::optional<Batch> pop() {
        std::unique_lock<std::mutex> lock(mutex_);
        not_empty_.wait(lock, [&] { return !items_.empty() || finished_; });
        if (items_.empty()) {
            if (error_) std::rethrow_exception(error_);
            return std::nullopt;
        }
        Batch b = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return b;
    }
    // Consumer: stop the producer (e.g. the consumer failed).
    void abandon() {
        std::lock_guard<std::mutex> lock(mutex_);
        abandoned_ = true;
        not_full_.notify_all();
    }

private:
    size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_empty_, not_full_;
    std::deque<Batch> items_;
    bool finished_ = false, abandoned_ = false;
    std::exception_ptr error_;
};

}  // namespace ecozone::layers
