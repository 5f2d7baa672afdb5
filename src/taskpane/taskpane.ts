/** Task pane entry: for now it reports readiness; sheet validation arrives with the task-pane issue. */
Office.onReady((info) => {
  const status = document.getElementById("status");
  if (status !== null) {
    status.textContent = info.host === Office.HostType.Excel ? "Ready: the ECM functions are available in this workbook." : "Open this add-in in Excel.";
  }
});
