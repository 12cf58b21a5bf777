#pragma once
// Files that are either absent or complete, whenever the process dies: the text goes to a temporary file
// in the same directory, is fsync'ed, and is renamed over the final name (rename is atomic within a file
// system); the directory is fsync'ed too, so the rename survives a crash of the machine.
#include <filesystem>
#include <string>

namespace systolica::sweep {

// Throws std::runtime_error naming the file on any failure.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

// Temporary files are named ".NAME.tmp.PID"; these find what a killed writer left behind.
bool is_temporary_file(const std::filesystem::path& path);
void remove_temporary_files(const std::filesystem::path& dir);

// The whole file; throws std::runtime_error if it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace systolica::sweep
