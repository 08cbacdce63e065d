// ESLint flat config: the recommended rules; dashboard sources run in browsers, tests in node.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/**", "vendor/**"] },
  js.configs.recommended,
  {
    files: ["static/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    files: ["test/**/*.js", "scripts/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
