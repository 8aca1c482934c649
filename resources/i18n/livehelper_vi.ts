<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>Crash</name>
    <message>
        <location filename="../../livehelper/ui/app.py" line="68" />
        <source>Something went wrong inside livehelper. Your orders are saved.
Please send this log file to the developers:
{path}</source>
        <translation>livehelper gặp lỗi bên trong. Các đơn của bạn vẫn được lưu.
Vui lòng gửi tệp nhật ký này cho nhóm phát triển:
{path}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="268" />
        <source>Products (click or F1–F12 to put on screen)</source>
        <translation>Sản phẩm (bấm hoặc F1–F12 để đưa lên màn hình)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="269" />
        <source>Orders to confirm</source>
        <translation>Đơn chờ xác nhận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="270" />
        <source>Live comments</source>
        <translation>Bình luận trực tiếp</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="271" />
        <source>Confirmed orders</source>
        <translation>Đơn đã chốt</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="272" />
        <source>Confirm (Enter)</source>
        <translation>Xác nhận (Enter)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="273" />
        <source>Reject (Delete)</source>
        <translation>Từ chối (Delete)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="274" />
        <source>Change quantity (E)</source>
        <translation>Sửa số lượng (E)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="275" />
        <source>Import products…</source>
        <translation>Nhập sản phẩm…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="276" />
        <source>Export orders…</source>
        <translation>Xuất đơn hàng…</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="277" />
        <source>Try the demo</source>
        <translation>Chạy thử (demo)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="278" />
        <source>Assistant:</source>
        <translation>Người trực:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="280" />
        <source>End live</source>
        <translation>Kết thúc live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="280" />
        <source>Start live</source>
        <translation>Bắt đầu live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="326" />
        <source>No products yet. Import your product list (CSV or Excel), or click “Try the demo” to see how livehelper works with sample produce and comments.</source>
        <translation>Chưa có sản phẩm nào. Hãy nhập danh sách sản phẩm (CSV hoặc Excel), hoặc bấm “Chạy thử (demo)” để xem livehelper làm việc với nông sản và bình luận mẫu.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="333" />
        <source>livehelper</source>
        <translation>livehelper</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="334" />
        <source>The database could not be opened:

{error}</source>
        <translation>Không mở được cơ sở dữ liệu:

{error}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="366" />
        <source>Demo</source>
        <translation>Chạy thử</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="367" />
        <source>Start the demo? It uses its own sample data and never touches your shows.</source>
        <translation>Bắt đầu chạy thử? Bản chạy thử dùng dữ liệu mẫu riêng, không đụng tới các buổi live của bạn.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="409" />
        <source>Comment source {name} stopped: {state}</source>
        <translation>Nguồn bình luận {name} đã dừng: {state}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="472" />
        <source>Claim {id} was not changed: {reason}</source>
        <translation>Đơn {id} chưa được thay đổi: {reason}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="498" />
        <location filename="../../livehelper/ui/main_window.py" line="504" />
        <source>Change quantity</source>
        <translation>Sửa số lượng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="499" />
        <source>Which product?</source>
        <translation>Sản phẩm nào?</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="505" />
        <source>{name} ({unit}) for {buyer}:</source>
        <translation>{name} ({unit}) cho {buyer}:</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="522" />
        <location filename="../../livehelper/ui/main_window.py" line="541" />
        <source>Import products</source>
        <translation>Nhập sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="523" />
        <source>Product lists (*.csv *.xlsx)</source>
        <translation>Danh sách sản phẩm (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="537" />
        <source>{n} products loaded</source>
        <translation>Đã tải {n} sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="549" />
        <source>Export orders</source>
        <translation>Xuất đơn hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="561" />
        <source>{n} orders written to {path}</source>
        <translation>Đã ghi {n} đơn vào {path}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="578" />
        <source>LIVE</source>
        <translation>ĐANG LIVE</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="578" />
        <source>ended</source>
        <translation>đã kết thúc</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="581" />
        <source>No live session</source>
        <translation>Chưa có buổi live</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="584" />
        <source>Comments: receiving</source>
        <translation>Bình luận: đang nhận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="586" />
        <source>Comments: stopped</source>
        <translation>Bình luận: đã dừng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="588" />
        <source>Comments: stream ended</source>
        <translation>Bình luận: luồng đã hết</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="590" />
        <source>Comments: no source</source>
        <translation>Bình luận: chưa có nguồn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="591" />
        <source>OBS: not connected</source>
        <translation>OBS: chưa kết nối</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/main_window.py" line="594" />
        <source>{comments} comments · {pending} to confirm · {orders} orders · {revenue}</source>
        <translation>{comments} bình luận · {pending} chờ xác nhận · {orders} đơn · {revenue}</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <location filename="../../livehelper/ui/models.py" line="116" />
        <source>order</source>
        <translation>chốt đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="117" />
        <source>cancel</source>
        <translation>huỷ đơn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="124" />
        <source>Key</source>
        <translation>Phím</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="125" />
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="126" />
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="127" />
        <source>Price</source>
        <translation>Giá</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="128" />
        <source>Left</source>
        <translation>Còn</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="158" />
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="159" />
        <location filename="../../livehelper/ui/models.py" line="180" />
        <location filename="../../livehelper/ui/models.py" line="216" />
        <source>Buyer</source>
        <translation>Người mua</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="160" />
        <location filename="../../livehelper/ui/models.py" line="182" />
        <source>Comment</source>
        <translation>Bình luận</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="161" />
        <source>Read as</source>
        <translation>Hiểu là</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="179" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="181" />
        <source>Wants</source>
        <translation>Muốn mua</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="183" />
        <location filename="../../livehelper/ui/models.py" line="217" />
        <source>Phone</source>
        <translation>SĐT</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="196" />
        <source>The reader is not sure about this one: check the comment.</source>
        <translation>Máy đọc không chắc đơn này: hãy xem lại bình luận.</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="218" />
        <source>Items</source>
        <translation>Hàng</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/models.py" line="219" />
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="12" />
        <source>the file {path} does not exist</source>
        <translation>không có tệp {path}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="13" />
        <source>the file is not UTF-8 text; save it as 'CSV UTF-8' and try again</source>
        <translation>tệp không phải văn bản UTF-8; hãy lưu lại dạng 'CSV UTF-8' rồi thử lại</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="14" />
        <source>cannot read this Excel file ({error})</source>
        <translation>không đọc được tệp Excel này ({error})</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="15" />
        <source>the header row must name the columns code,name,price,unit (missing: {missing})</source>
        <translation>dòng tiêu đề phải có các cột code,name,price,unit (đang thiếu: {missing})</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="16" />
        <source>the file is empty</source>
        <translation>tệp trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="17" />
        <source>the file has a header but no products</source>
        <translation>tệp có dòng tiêu đề nhưng chưa có sản phẩm nào</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="18" />
        <source>the product code is empty</source>
        <translation>mã sản phẩm đang trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="19" />
        <source>the code {code!r} may use only letters, digits, '-' and '_' (at most 32)</source>
        <translation>mã {code!r} chỉ được dùng chữ, số, '-' và '_' (tối đa 32 ký tự)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="20" />
        <source>the code {code!r} is already used on line {other}</source>
        <translation>mã {code!r} đã dùng ở dòng {other}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="21" />
        <source>the product name is empty</source>
        <translation>tên sản phẩm đang trống</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="22" />
        <source>the unit is empty (for example kg, hộp, túi)</source>
        <translation>đơn vị tính đang trống (ví dụ kg, hộp, túi)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="23" />
        <source>the price {value!r} is not a whole amount in đồng (for example 35000)</source>
        <translation>giá {value!r} không phải số tiền đồng chẵn (ví dụ 35000)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="24" />
        <source>the stock {value!r} is not a whole number (leave it empty for unlimited)</source>
        <translation>tồn kho {value!r} không phải số nguyên (để trống nếu không giới hạn)</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="28" />
        <source>line {line}: {problem}</source>
        <translation>dòng {line}: {problem}</translation>
    </message>
    <message>
        <location filename="../../livehelper/ui/texts.py" line="34" />
        <source>Nothing was imported. Please fix these rows and import again:</source>
        <translation>Chưa nhập gì cả. Hãy sửa các dòng sau rồi nhập lại:</translation>
    </message>
</context>
</TS>