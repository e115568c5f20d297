import { getInputProps, type FieldMetadata } from "@conform-to/react";

type TextType = "text" | "password";

/**
 * conform's input props shaped for a Mantine TextInput/PasswordInput: without `key` (React refuses it
 * in a spread), `aria-describedby` (Mantine links its own error and description, under the same ids)
 * and `type` (PasswordInput switches it to show the password).
 */
export function userInputProps(field: FieldMetadata<any, any, string[]>, type: TextType = "text") {
  const { key: _key, "aria-describedby": _describedBy, type: _type, ...props } = getInputProps(field, { type });
  return { ...props, error: field.errors?.[0] };
}
