# Writes OUTPUT: a C++ file holding the text of every configs/energy/*.yaml as a string, so the binary
# carries its energy tables and never has to find the source tree at run time. Run at build time
# (cmake -P) whenever a table changes.
file(GLOB tables ${SOURCE_DIR}/configs/energy/*.yaml)
list(SORT tables)
set(body "")
foreach(table ${tables})
  get_filename_component(name ${table} NAME)
  file(READ ${table} text)
  string(APPEND body "    {\"${name}\", R\"SYSTOLICA_TABLE(${text})SYSTOLICA_TABLE\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp
     "// Generated from configs/energy/*.yaml by cmake/embed_energy_tables.cmake. Do not edit.\n"
     "#include \"sim/energy/builtin_tables.h\"\n\n"
     "namespace systolica::energy {\n\n"
     "const std::map<std::string, std::string>& builtin_tables() {\n"
     "  static const std::map<std::string, std::string> kTables{\n${body}  };\n"
     "  return kTables;\n}\n\n}  // namespace systolica::energy\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUTPUT}.tmp ${OUTPUT})
