# help(obj): the object, its type and its module or class table (help() and help("modules") name the firmware and
# its modules, so they differ from MicroPython's port: tests/unit/firmware/vm_builtins_test.cpp checks them)
help(1)
help(len)
help("x" == "y")
import struct

help(struct)
import json

help(json.dumps)

