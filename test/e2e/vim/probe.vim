" Vim 9 probe: no plugin, only Vim's built-in LSP channel mode (job_start with in_mode/out_mode 'lsp').
" Starts the nova-conf language server, opens the current buffer, waits for publishDiagnostics and asks
" for completion inside the empty device_spec. Results go to $NOVA_OUT, one "ok|fail NAME detail" a line.
" Run: NOVA_SERVER=dist/server.js NOVA_OUT=out.txt vim -Nu NONE -i NONE -Es -S probe.vim nova.conf
let s:out = []
let s:diags = []
function! s:Report(name, ok, detail) abort
  call add(s:out, (a:ok ? 'ok ' : 'fail ') . a:name . ' ' . substitute(a:detail, '\n', ' ', 'g'))
endfunction
function! s:OnMessage(ch, msg) abort
  if type(a:msg) != v:t_dict | return | endif
  if get(a:msg, 'method', '') ==# 'textDocument/publishDiagnostics'
    let s:diags = a:msg.params.diagnostics
  elseif has_key(a:msg, 'id') && has_key(a:msg, 'method')
    " a request from the server (none expected with these capabilities): answer null
    call ch_sendexpr(a:ch, {'id': a:msg.id, 'result': v:null})
  endif
endfunction
" In 'lsp' mode ch_evalexpr returns the whole response message: the answer is its 'result'.
function! s:Request(method, params) abort
  let l:resp = ch_evalexpr(s:ch, {'method': a:method, 'params': a:params}, {'timeout': 5000})
  return type(l:resp) == v:t_dict ? get(l:resp, 'result', v:null) : v:null
endfunction
function! s:Codes() abort
  return map(copy(s:diags), {_, d -> get(d, 'code', '')})
endfunction
function! s:Find(mark, needle, after) abort
  for l:i in range(1, line('$'))
    let l:text = getline(l:i)
    if stridx(l:text, a:mark) >= 0 && stridx(l:text, a:needle) >= 0
      return {'line': l:i - 1, 'character': stridx(l:text, a:needle) + (a:after ? len(a:needle) : 0)}
    endif
  endfor
  throw 'fixture line not found: ' . a:mark
endfunction

try
  let s:job = job_start(['node', $NOVA_SERVER, '--stdio'], {'in_mode': 'lsp', 'out_mode': 'lsp', 'err_mode': 'nl', 'err_io': 'null', 'callback': function('s:OnMessage')})
  let s:ch = job_getchannel(s:job)
  let s:uri = 'file://' . expand('%:p')
  let s:init = s:Request('initialize', {'processId': getpid(), 'rootUri': 'file://' . expand('%:p:h'), 'capabilities': {}})
  call s:Report('initialize', type(s:init) == v:t_dict && has_key(s:init, 'capabilities'), type(s:init) == v:t_dict ? get(get(s:init, 'serverInfo', {}), 'name', '') : string(s:init))
  call ch_sendexpr(s:ch, {'method': 'initialized', 'params': {}})
  call ch_sendexpr(s:ch, {'method': 'textDocument/didOpen', 'params': {'textDocument': {'uri': s:uri, 'languageId': 'nova-conf', 'version': 1, 'text': join(getline(1, '$'), "\n") . "\n"}}})
  let s:n = 0
  while (index(s:Codes(), 'device-spec-id-not-hex') < 0 || index(s:Codes(), 'alias-bad-device-type') < 0) && s:n < 500
    sleep 20m
    let s:n += 1
  endwhile
  let s:spec = filter(copy(s:diags), {_, d -> get(d, 'code', '') ==# 'device-spec-id-not-hex'})
  let s:want = s:Find('device_spec = {"vendor_id": "80g6"', '"80g6"', 0)
  call s:Report('diagnostic-device-spec', len(s:spec) == 1 && s:spec[0].severity == 1 && s:spec[0].range.start == s:want, len(s:spec) ? json_encode(s:spec[0].range.start) . ' ' . s:spec[0].message : 'none in 10 s; got ' . json_encode(s:Codes()))
  let s:alias = filter(copy(s:diags), {_, d -> get(d, 'code', '') ==# 'alias-bad-device-type'})
  call s:Report('diagnostic-alias', len(s:alias) == 1 && s:alias[0].severity == 1, len(s:alias) ? s:alias[0].message : 'none')
  let s:res = s:Request('textDocument/completion', {'textDocument': {'uri': s:uri}, 'position': s:Find('device_spec = {}', '{', 1)})
  let s:items = type(s:res) == v:t_dict ? get(s:res, 'items', []) : (type(s:res) == v:t_list ? s:res : [])
  let s:labels = map(copy(s:items), {_, i -> substitute(i.label, '"', '', 'g')})
  let s:missing = filter(['vendor_id', 'product_id', 'address', 'physical_network'], {_, t -> index(s:labels, t) < 0})
  call s:Report('completion-device-spec-tags', empty(s:missing), empty(s:missing) ? len(s:labels) . ' items' : 'missing ' . join(s:missing, ', '))
  call s:Request('shutdown', v:null)
  call ch_sendexpr(s:ch, {'method': 'exit'})
  sleep 100m
  call job_stop(s:job, 'kill')
catch
  call s:Report('probe', 0, v:exception . ' at ' . v:throwpoint)
endtry
call add(s:out, 'vim ' . v:version)
call writefile(s:out, $NOVA_OUT)
qall!
