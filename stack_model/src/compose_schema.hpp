#pragma once
// Internal: a compose document checked against the Compose Specification's JSON schema
// (stack_model/schema/compose-spec.json, compose-go's own copy), as compose v2 checks every file
// before it builds the model: unknown keys, wrong types, out-of-range values and malformed
// entries are refused with the place and the dotted path of the most specific fault.
//
// The validator covers the part of JSON Schema that file uses: type, properties,
// patternProperties, additionalProperties, required, items, uniqueItems, oneOf, anyOf, allOf,
// enum, const, minimum, maximum, pattern and local $ref. A string (quoted, or produced by
// interpolation) also satisfies integer, number and boolean where its text reads as one: compose
// converts those fields after interpolation, before validating.
#include "yaml_tree.hpp"

namespace stackctl::model::detail {

// Throws model_error at the most specific violation, e.g.
// "compose.yaml:4:5: services.web.prots: additional properties 'prots' not allowed".
void validate_compose_schema(const tree& doc);

}  // namespace stackctl::model::detail
