/*
 * Runs before the add-in's bundles, and is written so that Internet Explorer 11 can run it (ES5,
 * no modules): in the Trident (IE 11) and EdgeHTML (Microsoft Edge Legacy) webviews the bundles,
 * compiled for ES2020, stop at their first line, so the pane would stay as its bare HTML and the
 * =ECM functions would show #NAME?. Microsoft's "Support older Microsoft webviews and Office
 * versions" (learn.microsoft.com/office/dev/add-ins/develop/support-ie-11) recommends telling the
 * user instead, found by navigator.userAgent as shown there. Office on Windows uses those webviews
 * where WebView2 is missing or Office is too old ("Browsers and webview controls used by Office
 * Add-ins"; a <Runtimes> manifest like this one's then always gets Trident).
 */
/* global navigator, document */
(function () {
  var agent = navigator.userAgent;
  if (agent.indexOf("Trident") === -1 && agent.indexOf("Edge/") === -1) return;
  var main = document.getElementsByTagName("main")[0];
  if (main === undefined) return;
  main.innerHTML = "";
  var message = document.createElement("p");
  message.className = "message error";
  message.setAttribute("role", "alert");
  var text =
    "ECM Claims Check needs a current Office with the Microsoft Edge WebView2 Runtime. " +
    "This Office runs add-ins in Internet Explorer 11 (or Microsoft Edge Legacy), which cannot run it, " +
    "so this pane and the =ECM functions do not work here. Use Excel on the web, " +
    "or ask your IT team to update to Microsoft 365 Apps and install the WebView2 Runtime. Nothing in the workbook was changed.";
  message.appendChild(document.createTextNode(text));
  main.appendChild(message);
})();
