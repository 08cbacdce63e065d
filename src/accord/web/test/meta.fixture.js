// The quad classes as /api/meta serves them (tests/api/test_meta.py pins the same values).
export const QUAD_CLASSES = [
  { number: 1, key: "verbal_coop", name: "verbal cooperation", colour: "#4c9f70" },
  { number: 2, key: "material_coop", name: "material cooperation", colour: "#1b6b3a" },
  { number: 3, key: "verbal_conflict", name: "verbal conflict", colour: "#e8a33d" },
  { number: 4, key: "material_conflict", name: "material conflict", colour: "#b3261e" },
];
