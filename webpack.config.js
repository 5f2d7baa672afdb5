/* Builds the add-in into dist/: taskpane.html (the one shared-runtime page: task pane + custom
 * functions), the JS bundles, functions.json (generated from JSDoc), help.html, icons and the
 * manifest. `ECM_DEPLOY_URL=https://example.org/ecm/ npm run build` rewrites https://localhost:3000/
 * in the copied manifest and help links to the deployment URL. */
const fs = require("fs");
const os = require("os");
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_URL = "https://localhost:3000/";

/** The deployment URL for production builds (must be https and end with "/"), or the dev URL. */
function deployUrl(env) {
  const url = (env && env.deployUrl) || process.env.ECM_DEPLOY_URL || DEV_URL;
  if (!/^https:\/\/[^\s]+\/$/.test(url)) throw new Error(`deployment URL must start with https:// and end with "/": ${url}`);
  return url;
}

/**
 * https options for the dev server. Windows and macOS: office-addin-dev-certs creates and trusts a
 * localhost certificate, as Microsoft's template does (getHttpsServerOptions). Linux, where it
 * cannot trust the CA without sudo: its files when present, else webpack's self-signed one.
 */
async function httpsServer() {
  if (process.platform === "win32" || process.platform === "darwin") {
    const options = await require("office-addin-dev-certs").getHttpsServerOptions();
    return { type: "https", options: { ca: options.ca, key: options.key, cert: options.cert } };
  }
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = ["localhost.key", "localhost.crt", "ca.crt"].map((f) => path.join(dir, f));
  if (files.every((f) => fs.existsSync(f))) {
    return { type: "https", options: { key: fs.readFileSync(files[0]), cert: fs.readFileSync(files[1]), ca: fs.readFileSync(files[2]) } };
  }
  return { type: "https" };
}

/** Points the generated functions.json (help URLs) and help.html at the deployment URL. */
class RewriteUrlsPlugin {
  constructor(url) {
    this.url = url;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("RewriteUrlsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "RewriteUrlsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        if (this.url === DEV_URL) return;
        for (const name of Object.keys(assets).filter((n) => /\.(json|html)$/.test(n))) {
          const text = assets[name].source().toString();
          compilation.updateAsset(name, new sources.RawSource(text.split(DEV_URL).join(this.url)));
        }
      });
    });
  }
}

/**
 * Adds "allowErrorForDataTypeAny": true to the generated functions.json. Without it Excel does not
 * call a function whose range holds an error value (#N/A) and shows #VALUE! over the whole spill;
 * with it the error reaches the function, which reports it on its row. The JSDoc generator cannot
 * emit the property (docs: excel/custom-functions-errors.md, custom-functions-json.md).
 */
class FunctionsJsonOptionsPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FunctionsJsonOptionsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionsJsonOptionsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        (assets) => {
          const asset = assets["functions.json"];
          if (asset === undefined) return;
          const { functions, ...options } = JSON.parse(asset.source().toString());
          const json = { ...options, allowErrorForDataTypeAny: true, functions };
          compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(json, null, 4)));
        },
      );
    });
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const url = dev ? DEV_URL : deployUrl(env);
  const rewrite = (content) => content.toString().split(DEV_URL).join(url);
  return {
    mode: dev ? "development" : "production",
    target: "web",
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    // The engine chunk (rules and rate table) gets a content hash, so a browser or Office cache never
    // serves last month's rates after an update; taskpane.html (not cached long) names it.
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: (data) => (data.chunk && data.chunk.name === "engine" ? "[name].[contenthash:8].js" : "[name].js"),
      clean: true,
    },
    // No Node polyfills (webpack 5's default): an engine import of fs/path/os fails the build.
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          // ES modules for webpack (tsconfig's CommonJS is for Node): scope hoisting and unused exports dropped.
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, onlyCompileBundledFiles: true, compilerOptions: { module: "es2020" } },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      new FunctionsJsonOptionsPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["engine", "functions", "taskpane"],
        scriptLoading: "blocking",
        inject: "body",
      }),
      new HtmlWebpackPlugin({ filename: "help.html", template: "./src/help/help.html", chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/icon-*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: rewrite },
          { from: "src/taskpane/webview-check.js", to: "webview-check.js" },
        ],
      }),
      new RewriteUrlsPlugin(url),
    ],
    // The engine (and the functions adapter) is shared by the functions and the task pane: one chunk.
    optimization: {
      splitChunks: {
        cacheGroups: { engine: { test: /[\\/]src[\\/](engine|functions[\\/]adapter)/, name: "engine", chunks: "all", enforce: true } },
      },
    },
    performance: { hints: false },
    devServer: {
      port: 3000,
      // Only when serving: a build never needs (or installs) a certificate.
      server: env && env.WEBPACK_SERVE ? await httpsServer() : { type: "https" },
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      liveReload: false,
      client: false,
    },
  };
};
