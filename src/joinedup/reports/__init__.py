"""Charts and the partnership report in HTML, PDF and XLSX."""
