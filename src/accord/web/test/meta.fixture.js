// The quad classes as /api/meta serves them (tests/api/test_meta.py pins the same values).
export const QUAD_CLASSES = [
  { number: 1, key: "verbal_coop", name: "verbal cooperation", colour: "#6baed6" },
  { number: 2, key: "material_coop", name: "material cooperation", colour: "#08519c" },
  { number: 3, key: "verbal_conflict", name: "verbal conflict", colour: "#fb6a4a" },
  { number: 4, key: "material_conflict", name: "material conflict", colour: "#a50f15" },
];
