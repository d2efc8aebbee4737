// Insertion-ordered hash table operations for dict, set and frozenset.
#include <cstring>

#include "firmware/vm/vm.hpp"

namespace cpy::vm {

namespace {

// Tables up to this many entries have no index and are searched linearly (instance dicts, small classes).
constexpr std::size_t k_linear_max = 8;

std::uint64_t str_hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

void rebuild(HashTable& t) {
  std::size_t live = 0;
  for (auto& e : t.entries) live += !e.key.is_null();
  if (live != t.entries.size()) {
    std::size_t k = 0;
    for (auto& e : t.entries) {
      if (!e.key.is_null()) t.entries[k++] = e;
    }
    t.entries.resize(k);
  }
  std::size_t cap = 8;
  while (cap < live * 2 + 2) cap *= 2;
  t.index.assign(cap, -1);
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    std::size_t mask = cap - 1, pos = t.entries[i].hash & mask;
    while (t.index[pos] != -1) pos = (pos + 1) & mask;
    t.index[pos] = static_cast<std::int32_t>(i);
  }
  t.used = live;
}

}  // namespace

std::uint64_t hash_string(std::string_view s) { return str_hash(s); }

Value* Vm::table_find(HashTable& t, Value key) {
  if (t.index.empty()) {  // small table: a linear scan, identity first
    if (t.entries.empty()) return nullptr;
    for (auto& e : t.entries) {
      if (e.key == key) return &e.value;
    }
    std::uint64_t h = hash(key);
    for (auto& e : t.entries) {
      if (e.hash == h && equal(e.key, key)) return &e.value;
    }
    return nullptr;
  }
  std::uint64_t h = hash(key);
  std::size_t mask = t.index.size() - 1, pos = h & mask;
  for (;;) {
    std::int32_t slot = t.index[pos];
    if (slot == -1) return nullptr;
    if (slot >= 0) {
      auto& e = t.entries[static_cast<std::size_t>(slot)];
      if (e.hash == h && (e.key == key || equal(e.key, key))) return &e.value;
    }
    pos = (pos + 1) & mask;
  }
}

void Vm::table_store(HashTable& t, Value key, Value value) {
  if (Value* v = table_find(t, key)) {
    *v = value;
    return;
  }
  std::uint64_t h = hash(key);
  if (t.index.empty() && t.entries.size() < k_linear_max) {
    if (t.entries.size() == t.entries.capacity()) {
      std::size_t cap = t.entries.empty() ? 4 : k_linear_max;
      m_heap.reserve((cap - t.entries.size()) * sizeof(HashTable::Entry));
      t.entries.reserve(cap);
    }
    t.entries.push_back({key, value, h});
    ++t.used;
    return;
  }
  if ((t.entries.size() + 1) * 2 >= t.index.size()) {
    m_heap.reserve(t.entries.size() * sizeof(HashTable::Entry) + 64);
    t.entries.push_back({key, value, h});
    rebuild(t);
    return;
  }
  t.entries.push_back({key, value, h});
  std::size_t mask = t.index.size() - 1, pos = h & mask;
  while (t.index[pos] >= 0) pos = (pos + 1) & mask;
  t.index[pos] = static_cast<std::int32_t>(t.entries.size() - 1);
  ++t.used;
}

bool Vm::table_remove(HashTable& t, Value key, Value* removed) {
  if (t.index.empty()) {
    if (t.entries.empty()) return false;
    std::uint64_t h = hash(key);
    for (std::size_t i = 0; i < t.entries.size(); ++i) {
      auto& e = t.entries[i];
      if (e.key == key || (e.hash == h && equal(e.key, key))) {
        if (removed) removed[0] = e.key, removed[1] = e.value;
        t.entries.erase(t.entries.begin() + static_cast<std::ptrdiff_t>(i));
        --t.used;
        return true;
      }
    }
    return false;
  }
  std::uint64_t h = hash(key);
  std::size_t mask = t.index.size() - 1, pos = h & mask;
  for (;;) {
    std::int32_t slot = t.index[pos];
    if (slot == -1) return false;
    if (slot >= 0) {
      auto& e = t.entries[static_cast<std::size_t>(slot)];
      if (e.hash == h && (e.key == key || equal(e.key, key))) {
        if (removed) removed[0] = e.key, removed[1] = e.value;
        e.key = Value();
        e.value = Value();
        t.index[pos] = -2;
        --t.used;
        if (t.used * 4 < t.entries.size()) rebuild(t);
        return true;
      }
    }
    pos = (pos + 1) & mask;
  }
}

Value* Vm::dict_find_str(DictObj* d, std::string_view key) {
  HashTable& t = d->table;
  if (t.index.empty()) {
    for (auto& e : t.entries) {
      if (is_str(e.key) && static_cast<StrObj*>(e.key.obj())->value == key) return &e.value;
    }
    return nullptr;
  }
  std::uint64_t h = str_hash(key);
  std::size_t mask = t.index.size() - 1, pos = h & mask;
  for (;;) {
    std::int32_t slot = t.index[pos];
    if (slot == -1) return nullptr;
    if (slot >= 0) {
      auto& e = t.entries[static_cast<std::size_t>(slot)];
      if (e.hash == h && is_str(e.key) && static_cast<StrObj*>(e.key.obj())->value == key) return &e.value;
    }
    pos = (pos + 1) & mask;
  }
}

Value* Vm::dict_find_qstr(DictObj* d, Value key) {
  HashTable& t = d->table;
  auto* k = static_cast<StrObj*>(key.obj());
  if (t.index.empty()) {
    for (auto& e : t.entries) {
      if (e.key == key) return &e.value;
    }
    for (auto& e : t.entries) {
      if (is_str(e.key) && static_cast<StrObj*>(e.key.obj())->value == k->value) return &e.value;
    }
    return nullptr;
  }
  if (!k->hashed) k->hash = str_hash(k->value), k->hashed = true;
  std::size_t mask = t.index.size() - 1, pos = k->hash & mask;
  for (;;) {
    std::int32_t slot = t.index[pos];
    if (slot == -1) return nullptr;
    if (slot >= 0) {
      auto& e = t.entries[static_cast<std::size_t>(slot)];
      if (e.key == key) return &e.value;
      if (e.hash == k->hash && is_str(e.key) && static_cast<StrObj*>(e.key.obj())->value == k->value) return &e.value;
    }
    pos = (pos + 1) & mask;
  }
}

void Vm::dict_store_qstr(DictObj* d, Value key, Value v) {
  if (Value* slot = dict_find_qstr(d, key)) {
    *slot = v;
    return;
  }
  table_store(d->table, key, v);
}

void Vm::dict_store_str(DictObj* d, std::string_view key, Value v) {
  if (Value* slot = dict_find_str(d, key)) {
    *slot = v;
    return;
  }
  table_store(d->table, qstr(key), v);
}

}  // namespace cpy::vm
