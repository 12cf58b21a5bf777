#pragma once
// The `systolica` command line. Returns the process exit status: 0 on success, 2 for anything the user
// can fix (usage, config, input files), 1 for an internal error.
namespace systolica {

int run_cli(int argc, char** argv);

}  // namespace systolica
