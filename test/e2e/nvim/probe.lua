-- Neovim (0.7+) headless probe: starts the nova-conf language server over stdio with the built-in LSP
-- client, exactly as docs/editors.md tells users to, and checks diagnostics, completion, hover and a
-- quick fix on the open buffer. One line per check on stdout: "ok NAME detail" or "fail NAME detail".
-- Run: NOVA_SERVER=dist/server.js nvim --headless -u NONE -i NONE -n -c 'luafile probe.lua' nova.conf
local server = os.getenv('NOVA_SERVER') or 'dist/server.js'
local failed = 0

local function report(name, ok, detail)
  if not ok then failed = failed + 1 end
  detail = tostring(detail or ''):gsub('[\r\n]+', ' ')
  io.stdout:write(string.format('%s %s %s\n', ok and 'ok' or 'fail', name, detail))
end

local buf = vim.api.nvim_get_current_buf()
vim.cmd('setfiletype novaconf')

local function find(mark, needle, after)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find(mark, 1, true) then
      local s = line:find(needle, 1, true)
      if s then return { line = i - 1, character = s - 1 + (after and #needle or 0) } end
    end
  end
  error('fixture line not found: ' .. mark)
end

local function code_of(d)
  if d.code then return tostring(d.code) end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code and tostring(lsp.code) or ''
end

local function diags_with(code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then table.insert(out, d) end
  end
  return out
end

local function request(method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, 5000)
  if not res then return nil, 'no answer in 5 s' end
  for _, r in pairs(res) do
    if r.err then return nil, vim.inspect(r.err) end
    return r.result
  end
  return nil, 'empty response'
end

local function main()
  local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
  local id = vim.lsp.start_client({ name = 'nova-conf', cmd = { 'node', server, '--stdio' }, root_dir = root })
  report('start-client', id ~= nil, 'client id ' .. tostring(id))
  if not id then return end
  vim.lsp.buf_attach_client(buf, id)

  local got = vim.wait(15000, function()
    return #diags_with('device-spec-id-not-hex') > 0 and #diags_with('alias-bad-device-type') > 0
  end, 50)
  local spec, alias = diags_with('device-spec-id-not-hex')[1], diags_with('alias-bad-device-type')[1]
  local spec_pos = find('device_spec = {"vendor_id": "80g6"', '"80g6"')
  report('diagnostic-device-spec', spec ~= nil and spec.severity == vim.diagnostic.severity.ERROR and spec.lnum == spec_pos.line and spec.col == spec_pos.character,
    spec and string.format('%d:%d %s', spec.lnum + 1, spec.col + 1, spec.message) or ('none within 15 s; got ' .. #vim.diagnostic.get(buf)))
  report('diagnostic-alias', alias ~= nil and alias.severity == vim.diagnostic.severity.ERROR,
    alias and string.format('%d:%d %s', alias.lnum + 1, alias.col + 1, alias.message) or 'none')
  if not got then return end

  local uri = vim.uri_from_bufnr(buf)
  local result, err = request('textDocument/completion', { textDocument = { uri = uri }, position = find('device_spec = {}', '{', true) })
  local labels = {}
  for _, item in ipairs((result and (result.items or result)) or {}) do labels[(item.label:gsub('"', ''))] = true end
  local want = { 'vendor_id', 'product_id', 'address', 'physical_network' }
  local missing = {}
  for _, t in ipairs(want) do if not labels[t] then table.insert(missing, t) end end
  report('completion-device-spec-tags', #missing == 0, err or (#missing == 0 and 'offers ' .. table.concat(want, ', ') or 'missing ' .. table.concat(missing, ', ')))

  local hpos = find('"physnet1"', 'physical_network')
  hpos.character = hpos.character + 3
  local hover, herr = request('textDocument/hover', { textDocument = { uri = uri }, position = hpos })
  local text = ''
  if hover and hover.contents then
    local c = hover.contents
    if type(c) == 'string' then text = c elseif c.value then text = c.value else
      for _, p in ipairs(c) do text = text .. (type(p) == 'string' and p or (p.value or '')) .. '\n' end
    end
  end
  report('hover-tag-doc', text:lower():find('network', 1, true) ~= nil, herr or text:sub(1, 100))

  -- Quick fix: ask for code actions on the alias error with the diagnostic in the context, apply the edit.
  local lsp_diag = (alias.user_data and alias.user_data.lsp) or {}
  local d = vim.tbl_extend('force', lsp_diag, {
    range = { start = { line = alias.lnum, character = alias.col }, ['end'] = { line = alias.end_lnum, character = alias.end_col } },
    severity = 1, message = alias.message, code = code_of(alias), source = alias.source,
  })
  local actions, aerr = request('textDocument/codeAction', { textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d }, only = { 'quickfix' } } })
  local fix
  for _, a in ipairs(actions or {}) do
    if a.edit and (a.kind or ''):find('^quickfix') then fix = a break end
  end
  report('quickfix-offered', fix ~= nil, aerr or (fix and fix.title or ('no quick fix with an edit among ' .. #(actions or {}))))
  if fix then
    vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
    local line = vim.api.nvim_buf_get_lines(buf, alias.lnum, alias.lnum + 1, false)[1]
    local gone = vim.wait(10000, function() return #diags_with('alias-bad-device-type') == 0 end, 50)
    report('quickfix-applied', gone and line:find('"type-PF"', 1, true) ~= nil and #diags_with('device-spec-id-not-hex') == 1, line)
  end
  vim.lsp.stop_client(id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
end

local ok, e = pcall(main)
if not ok then report('probe', false, e) end
io.stdout:write(string.format('nvim %s\n', vim.version and (vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch) or '?'))
io.stdout:flush()
if failed > 0 then vim.cmd('cquit! 1') else vim.cmd('qall!') end
