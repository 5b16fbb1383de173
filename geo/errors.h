#pragma once
// The error hierarchy of ecozone.  Library code throws these; only cli/main.cpp turns them
// into exit codes and hints.  Each message is one line naming the file / feature and the fix.
#include <stdexcept>
#include <string>

namespace ecozone {

// Base of every error ecozone raises on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The command line itself is wrong (unknown option, missing argument).  Exit code 2.
class UsageError : public Error {
public:
    using Error::Error;
};

// Input data is unusable: missing field, empty layer, truncated file, unknown code.
class DataError : public Error {
public:
    using Error::Error;
};

// Coordinate reference problems: missing .prj, unknown EPSG, mixed CRS, absurd coordinates.
class CrsError : public DataError {
public:
    using DataError::DataError;
};

// A file cannot be opened, read or written.
class IoError : public Error {
public:
    using Error::Error;
};

// A geometry library reported failure (GEOS exception, predicate returning 2, PROJ failure).
class GeometryError : public Error {
public:
    using Error::Error;
};

}  // namespace ecozone
