// Identifier bookkeeping for scopes: lookup, closing over enclosing locals, slot numbering.
#include "mpycross/scope.hpp"

#include <utility>

namespace cpy::mpycross {

IdInfo* Scope::find(const std::string& name) {
  for (auto& id : ids) {
    if (id.name == name) return &id;
  }
  return nullptr;
}

IdInfo& Scope::find_or_add(const std::string& name, IdKind kind, bool* added) {
  if (IdInfo* id = find(name)) {
    if (added) *added = false;
    return *id;
  }
  ids.push_back(IdInfo{kind, 0, 0, name});
  if (added) *added = true;
  return ids.back();
}

namespace {

void close_over_in_parents(ScopeList& scopes, int scope, const std::string& name) {
  for (int s = scopes[static_cast<std::size_t>(scope)].parent; s >= 0; s = scopes[static_cast<std::size_t>(s)].parent) {
    bool added = false;
    IdInfo& id = scopes[static_cast<std::size_t>(s)].find_or_add(name, IdKind::free, &added);
    if (added) continue;
    if (id.kind == IdKind::local) id.kind = IdKind::cell;
    return;
  }
}

}  // namespace

void close_over_if_bound(ScopeList& scopes, int scope, IdInfo& id) {
  const std::string name = id.name;
  for (int s = scopes[static_cast<std::size_t>(scope)].parent;
       s >= 0 && scopes[static_cast<std::size_t>(s)].parent >= 0; s = scopes[static_cast<std::size_t>(s)].parent) {
    IdInfo* other = scopes[static_cast<std::size_t>(s)].find(name);
    if (other == nullptr) continue;
    if (other->kind == IdKind::local || other->kind == IdKind::cell || other->kind == IdKind::free) {
      id.kind = IdKind::free;
      close_over_in_parents(scopes, scope, name);
    }
    return;
  }
}

void compute_local_slots(ScopeList& scopes, int index) {
  Scope& scope = scopes[static_cast<std::size_t>(index)];
  if (scope.flags & k_flag_varargs) {
    IdInfo* last_plain = nullptr;
    for (std::size_t i = scope.ids.size(); i-- > 0;) {
      IdInfo& id = scope.ids[i];
      if (id.flags & k_id_star_param) {
        if (last_plain != nullptr) std::swap(*last_plain, id);
        break;
      }
      if (last_plain == nullptr && id.flags == k_id_param) last_plain = &id;
    }
  }
  scope.num_locals = 0;
  for (IdInfo& id : scope.ids) {
    if (scope.kind == ScopeKind::class_ && id.name == "__class__") continue;
    if (is_func_like(scope.kind) && id.kind == IdKind::global_implicit) id.kind = IdKind::global_explicit;
    if (id.kind == IdKind::local || (id.flags & k_id_param)) id.local_num = scope.num_locals++;
  }
  for (IdInfo& id : scope.ids) {
    if (id.kind == IdKind::cell && !(id.flags & k_id_param)) id.local_num = scope.num_locals++;
  }
  if (scope.parent < 0) return;
  int num_free = 0;
  Scope& parent = scopes[static_cast<std::size_t>(scope.parent)];
  for (const IdInfo& pid : parent.ids) {
    if (pid.kind != IdKind::cell && pid.kind != IdKind::free) continue;
    for (IdInfo& id : scope.ids) {
      if (id.kind == IdKind::free && id.name == pid.name) id.local_num = num_free++;
    }
  }
  if (num_free == 0) return;
  for (IdInfo& id : scope.ids) {
    if (id.kind != IdKind::free || (id.flags & k_id_param)) id.local_num += num_free;
  }
  scope.num_pos_args += num_free;
  scope.num_locals += num_free;
}

}  // namespace cpy::mpycross
