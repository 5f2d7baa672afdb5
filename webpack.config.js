/* eslint-disable */
// Builds the browser bundles. For now: the pure rules engine as a library (dist/ecm-engine.js),
// which proves the engine needs nothing from Node. The add-in entries (task pane, custom
// functions, commands) join here with the custom-functions issue.
const path = require("path");

module.exports = (env, argv) => ({
  mode: argv.mode || "production",
  target: "web",
  devtool: argv.mode === "development" ? "source-map" : false,
  entry: {
    "ecm-engine": "./src/engine/index.ts",
  },
  output: {
    path: path.resolve(__dirname, "dist"),
    filename: "[name].js",
    library: { name: "ECMEngine", type: "umd" },
    globalObject: "this",
    clean: true,
  },
  resolve: {
    // No Node polyfills (webpack 5's default): an engine import of fs/path/os fails the build.
    extensions: [".ts", ".js"],
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, onlyCompileBundledFiles: true } },
      },
    ],
  },
  performance: { hints: false },
});
