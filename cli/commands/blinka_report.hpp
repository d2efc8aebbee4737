// Printing or writing Blinka requirements, shared by `blinka requirements` and `freeze --pip`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "bundle/blinka.hpp"
#include "cli/ui/output.hpp"

namespace cpy::cli {

/// Warns about the notes, prints the requirements (or writes them to `output_file`) and the JSON document
/// `doc` extended with "requirements" and "notes"; returns the exit code.
int report_requirements(const Output& out, const bundle::BlinkaRequirements& reqs, const std::string& origin,
                        const std::string& output_file, nlohmann::json doc);

}  // namespace cpy::cli
