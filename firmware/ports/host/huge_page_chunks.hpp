// Object chunks for the VM heap from memory advised for transparent huge pages (fewer page faults).
#pragma once

namespace cpy::firmware::host {

/// Makes every VM heap made afterwards in this process take its object chunks from 2 MB arenas advised for
/// huge pages (Linux; elsewhere a no-op). Call it before the first VM is created.
void use_huge_page_chunks();

}  // namespace cpy::firmware::host
