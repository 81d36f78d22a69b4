#!/bin/bash
readonly ONE={{ONE}}
readonly -a MANY=({{MANY}})
printf '%s\n' "${ONE}"
printf '%s\n' "${MANY[@]}"
