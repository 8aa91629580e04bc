import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()

for (const button of document.querySelectorAll('[data-copy-target]')) {
  button.addEventListener('click', async () => {
    const target = document.getElementById(button.dataset.copyTarget)
    if (!target) return
    await navigator.clipboard.writeText(target.textContent.trim())
    button.textContent = 'Copied'
  })
}
