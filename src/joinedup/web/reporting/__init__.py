"""The dashboard, the findings and the partnership report in HTML, PDF and XLSX."""
